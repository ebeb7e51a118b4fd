"""The referral journal: what happened after ``recommend()``, stored in a database.

See ``docs/journal.md`` for the trajectory it records, the state machine and the privacy
rules. The journal never logs anything: client ids are pseudonymous keys chosen by the
caller, and profile snapshots are stored only when given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import and_, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from wor_match.journal._errors import (
    JournalError,
    ReferralClosedError,
    TransitionError,
    UnknownEventError,
    UnknownReferralError,
)
from wor_match.journal._measures import check_instrument, check_moment, score_measure
from wor_match.journal._schema import check_schema, make_engine
from wor_match.journal._states import (
    CLOSED,
    OFFER_EVENTS,
    OUTCOMES,
    STATUSES,
    TARGET_KINDS,
    LoggedEvent,
    ReferralState,
    check_event_name,
    replay,
)
from wor_match.journal._tables import (
    ALL_TABLES,
    event_table,
    measure_score_table,
    measure_table,
    offer_table,
    referral_table,
)

__all__ = ["CONSENT", "INTAKE_DAYS", "Journal"]

#: what a referral's consent can allow to go back to the GP (all of it by default: the
#: WOR referral asks the client's consent to share; pass less when the client said less)
CONSENT = ("needs", "support", "outcomes")
#: an intake is due within this many days of the referral (welzijnoprecept.nl)
INTAKE_DAYS = 14
_MAX_ID = 200


def _as_date(value: Any, name: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"{name} must be a date (datetime.date or 'YYYY-MM-DD')")


def _key(value: Any, name: str, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    if len(value) > _MAX_ID:
        raise ValueError(f"{name} must be at most {_MAX_ID} characters")
    return value


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def catalogue_fingerprint(catalogue: Any) -> str:
    """SHA-256 of a catalogue's canonical CSV form (computed once per catalogue)."""

    def compute(cat: Any) -> str:
        frame = cat.to_frame()
        text = frame.to_csv(index=False, lineterminator="\n")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    derived = getattr(catalogue, "derived", None)
    return str(derived("journal_fingerprint", compute) if derived else compute(catalogue))


class Journal:
    """A referral journal on any SQLAlchemy database URL.

    Parameters
    ----------
    url : str, optional
        ``sqlite:///path.db``, ``sqlite://`` (in memory) or
        ``postgresql+psycopg://user@host/db`` (extra ``postgres``). Default: a SQLite file
        in the user's data folder (or in ``$WOR_MATCH_DATA_DIR``).
    organisation : str, default "default"
        Every row is written with it and every query filters on it: a journal never reads or
        writes another organisation's referrals.
    create : bool, default True
        Create the schema in a database that holds no journal yet. A database at another
        schema version always raises :class:`SchemaVersionError` (run ``wor-match db
        upgrade URL``).

    Examples
    --------
    >>> import datetime as dt
    >>> j = Journal("sqlite://", organisation="welzijn-hillegom")
    >>> ref = j.open_referral("anna-001", date=dt.date(2026, 11, 2), referred_by="huisarts:H1")
    >>> j.record_event(ref, None, "intake", date=dt.date(2026, 11, 9)) > 0
    True
    >>> j.status(ref)
    'accepted'
    """

    def __init__(
        self, url: str | None = None, *, organisation: str = "default", create: bool = True
    ) -> None:
        if not isinstance(organisation, str) or not organisation.strip():
            raise ValueError("organisation must be a non-empty string")
        if len(organisation) > 100:
            raise ValueError("organisation must be at most 100 characters")
        self.organisation = organisation
        self._engine: Engine = make_engine(url)
        try:
            check_schema(self._engine, create=create)
        except BaseException:
            self._engine.dispose()
            raise

    # -- plumbing -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return str(self._engine.url.render_as_string(hide_password=True))

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql`` (or another SQLAlchemy dialect name)."""
        return str(self._engine.dialect.name)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Journal {self.url} organisation={self.organisation!r}>"

    def _referral(self, conn: Connection, ref: Any, *, lock: bool = False) -> Any:
        if not isinstance(ref, str):
            raise UnknownReferralError(
                f"referral ids are the strings open_referral() returns; got a {type(ref).__name__}"
            )
        query = select(referral_table).where(
            referral_table.c.id == ref, referral_table.c.organisation == self.organisation
        )
        if lock:
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise UnknownReferralError(f"no referral {ref!r} in organisation {self.organisation!r}")
        return row

    def _logged(self, conn: Connection, ref: str) -> list[LoggedEvent]:
        rows = conn.execute(
            select(
                event_table.c.id,
                event_table.c.on_date,
                event_table.c.event,
                event_table.c.target_kind,
                event_table.c.target_id,
                event_table.c.corrects,
                event_table.c.detail,
            ).where(event_table.c.referral_id == ref)
        ).all()
        return [_logged_event(row) for row in rows]

    def _store_state(self, conn: Connection, ref: str, state: ReferralState) -> None:
        conn.execute(
            update(referral_table)
            .where(referral_table.c.id == ref)
            .values(status=state.status, closed_on=state.closed_on, outcome=state.outcome)
        )

    def _store_states(self, conn: Connection, states: Mapping[str, ReferralState]) -> None:
        """One executemany for many referrals (bulk imports)."""
        if not states:
            return
        statement = (
            update(referral_table)
            .where(referral_table.c.id == bindparam("ref_id"))
            .values(status=bindparam("new_status"), closed_on=bindparam("new_closed_on"),
                    outcome=bindparam("new_outcome"))
        )  # fmt: skip
        conn.execute(
            statement,
            [
                {"ref_id": ref, "new_status": state.status, "new_closed_on": state.closed_on,
                 "new_outcome": state.outcome}
                for ref, state in states.items()
            ],
        )  # fmt: skip

    def _check_corrects(self, conn: Connection, ref: str, corrects: Any, table: Any) -> None:
        if corrects is None:
            return
        if isinstance(corrects, bool) or not isinstance(corrects, int | np.integer):
            raise TransitionError("corrects must be the id of an earlier entry (an int)")
        found = conn.execute(
            select(table.c.id).where(table.c.id == int(corrects), table.c.referral_id == ref)
        ).first()
        if found is None:
            raise TransitionError(f"referral {ref} has no entry {int(corrects)} to correct")
        already = conn.execute(select(table.c.id).where(table.c.corrects == int(corrects))).first()
        if already is not None:
            raise TransitionError(
                f"entry {int(corrects)} of referral {ref} was already corrected by entry "
                f"{already[0]}; correct that one instead"
            )

    def _append(
        self,
        conn: Connection,
        row: Any,
        entries: Sequence[dict[str, Any]],
        *,
        corrects_allowed: bool,
    ) -> list[int]:
        """Insert events for one referral and re-check the whole log; returns their ids."""
        ref = row.id
        if row.status in CLOSED and not corrects_allowed:
            raise ReferralClosedError(
                f"referral {ref} was closed on {row.closed_on} ({row.status}); only "
                "corrections (corrects=...) can be recorded now"
            )
        now = _now()
        ids: list[int] = []
        for entry in entries:
            result = conn.execute(
                insert(event_table).values(
                    organisation=self.organisation, referral_id=ref, recorded_at=now, **entry
                )
            )
            ids.append(_inserted_id(result))
        state = replay(self._logged(conn, ref), ref, row.opened_on)
        self._store_state(conn, ref, state)
        return ids

    # -- writing --------------------------------------------------------------------------

    def open_referral(
        self,
        client_id: str,
        *,
        date: dt.date | str,
        referred_by: str,
        reasons: Iterable[str] = (),
        profile: Any = None,
        practice: str | None = None,
        coach: str | None = None,
        consent: Iterable[str] = CONSENT,
    ) -> str:
        """Record a GP's referral; returns its id (status ``requested``).

        Parameters
        ----------
        client_id : str
            A pseudonymous key for the client (never a name or BSN).
        date : date
            The day of the referral.
        referred_by : str
            Who referred, e.g. ``"huisarts:H1"`` or ``"poh-ggz:H1"``.
        reasons : iterable of str
            Reason codes (``"eenzaamheid"``, ``"somberheid"``...), used by the report.
        profile : ClientProfile or dict, optional
            A snapshot of the intake profile (health data: stored only when given).
        practice : str, optional
            The GP practice the report groups by (default: ``referred_by``).
        coach : str, optional
            The welfare coach who holds the referral.
        consent : iterable of str, default all of :data:`CONSENT`
            What may go back to the GP: ``needs``, ``support``, ``outcomes``.
        """
        client = _key(client_id, "client_id")
        referrer = _key(referred_by, "referred_by")
        practice = _key(practice, "practice", required=False) or referrer
        coach = _key(coach, "coach", required=False)
        opened_on = _as_date(date)
        if isinstance(reasons, str):
            raise ValueError("reasons must be a list of reason codes, not one string")
        reason_list = [str(r) for r in reasons]
        consent_list = sorted(set(consent))
        unknown = [c for c in consent_list if c not in CONSENT]
        if unknown or isinstance(consent, str):
            raise ValueError(f"consent must be a list drawn from {list(CONSENT)}")
        snapshot = None
        if profile is not None:
            from wor_match.models.profile import ClientProfile

            if not isinstance(profile, ClientProfile):
                profile = ClientProfile.model_validate(profile)
            if profile.client_id != client:
                raise ValueError("profile.client_id must equal the referral's client_id")
            snapshot = profile.model_dump_json(exclude_defaults=True)
        ref = uuid.uuid4().hex
        with self._engine.begin() as conn:
            conn.execute(
                insert(referral_table).values(
                    id=ref,
                    organisation=self.organisation,
                    client_id=client,
                    referred_by=referrer,
                    practice=practice,
                    coach=coach,
                    opened_on=opened_on,
                    reasons=json.dumps(reason_list, ensure_ascii=False),
                    consent=json.dumps(consent_list),
                    profile=snapshot,
                    status="requested",
                    recorded_at=_now(),
                )
            )
        return ref

    def open_referrals(self, frame: pd.DataFrame) -> list[str]:
        """Open many referrals at once (imports of past records); returns their ids in row
        order. ``frame`` has ``client_id, date, referred_by`` and optionally ``reasons`` (a
        list per row), ``practice``, ``coach`` and ``profile`` (a dict per row, or None).
        All rows share the default consent. One transaction: a bad row writes nothing."""
        missing = [c for c in ("client_id", "date", "referred_by") if c not in frame.columns]
        if missing:
            raise ValueError(f"open_referrals needs the columns {missing}")
        from wor_match.models.profile import ClientProfile

        now = _now()
        days: list[Any] = list(pd.to_datetime(frame["date"], errors="coerce", format="ISO8601"))
        rows = []
        ids = []
        for i, record in enumerate(frame.to_dict("records")):
            try:
                client = _key(record["client_id"], "client_id")
                referrer = _key(record["referred_by"], "referred_by")
                if pd.isna(days[i]):
                    raise ValueError("date must be a date (datetime.date or 'YYYY-MM-DD')")
                profile = record.get("profile")
                snapshot = None
                if isinstance(profile, Mapping | ClientProfile):
                    validated = (
                        profile
                        if isinstance(profile, ClientProfile)
                        else ClientProfile.model_validate(profile)
                    )
                    if validated.client_id != client:
                        raise ValueError("profile.client_id must equal the referral's client_id")
                    snapshot = validated.model_dump_json(exclude_defaults=True)
            except ValueError as error:
                raise type(error)(f"row {i}: {error}") from None
            reasons = record.get("reasons")
            ref = uuid.uuid4().hex
            ids.append(ref)
            practice = record.get("practice")
            coach = record.get("coach")
            rows.append(
                {"id": ref, "organisation": self.organisation, "client_id": client,
                 "referred_by": referrer,
                 "practice": practice if isinstance(practice, str) and practice else referrer,
                 "coach": coach if isinstance(coach, str) and coach else None,
                 "opened_on": days[i].date(),
                 "reasons": json.dumps(list(reasons) if isinstance(reasons, list | tuple)
                                       else [], ensure_ascii=False),
                 "consent": json.dumps(sorted(CONSENT)), "profile": snapshot,
                 "status": "requested", "recorded_at": now}
            )  # fmt: skip
        if rows:
            with self._engine.begin() as conn:
                conn.execute(insert(referral_table), rows)
        return ids

    def record_event(
        self,
        ref: str,
        target: str | None,
        event: str,
        *,
        date: dt.date | str,
        reason: str | None = None,
        target_kind: str = "activity",
        corrects: int | None = None,
    ) -> int:
        """Append one event to a referral's log; returns its id.

        Parameters
        ----------
        ref : str
            The referral id.
        target : str or None
            The activity_id (or, with ``target_kind="person"``, the person_id from people
            matching) for the offer events ``offered, accepted, declined, started,
            continued, dropped_out``; None for the referral events ``received, intake,
            on_hold, resumed, retracted``.
        event : str
        date : date
        reason : str, optional
            Why (a dropout's or a decline's reason, a correction's reason).
        target_kind : "activity" or "person"
        corrects : int, optional
            The id of an earlier event this one replaces (the earlier one stays in the log,
            marked as corrected). ``retracted`` with ``corrects`` voids an event.
        """
        check_event_name(event, target)
        if event == "retracted" and corrects is None:
            raise UnknownEventError("'retracted' needs corrects=<the id of the event it voids>")
        if target_kind not in TARGET_KINDS:
            raise UnknownEventError(
                f"target_kind must be one of {list(TARGET_KINDS)}; got {target_kind!r}"
            )
        if target is not None:
            _key(target, "target")
        entry = {
            "on_date": _as_date(date),
            "event": event,
            "target_kind": target_kind if target is not None else None,
            "target_id": target,
            "reason": reason,
            "corrects": None if corrects is None else int(corrects),
        }
        with self._engine.begin() as conn:
            row = self._referral(conn, ref, lock=True)
            self._check_corrects(conn, ref, corrects, event_table)
            return self._append(conn, row, [entry], corrects_allowed=corrects is not None)[0]

    def record_offers(
        self,
        ref: str,
        recommendations: Any,
        *,
        date: dt.date | str,
        catalogue: Any = None,
        ranker_version: str | None = None,
        propensities: Sequence[float] | None = None,
    ) -> list[int]:
        """Record the shortlist a coach showed (one ``offered`` event per item).

        Per offer it stores the rank, score, baseline and the explanation's points, the
        ranker's name and version, the catalogue's fingerprint and the probability that the
        offer was shown (``propensities``, else ``recommendations.propensities`` when the
        ranker explored, else 1.0: a deterministic ranker shows its top list for sure).

        Parameters
        ----------
        ref : str
        recommendations : Recommendations
            What :func:`wor_match.recommend` returned.
        date : date
        catalogue : Catalogue, optional
            The catalogue the shortlist came from (default: the default catalogue).
        ranker_version : str, optional
            Default ``"wor_match <version>"`` (built-in rankers are versioned with the
            library; give a model file's name or hash for a fitted ranker).
        propensities : sequence of float, optional

        Returns
        -------
        list of int
            The ids of the ``offered`` events, in rank order.
        """
        items = list(recommendations)
        if propensities is None:
            propensities = getattr(recommendations, "propensities", None)
        shown = [1.0] * len(items) if propensities is None else [float(p) for p in propensities]
        if len(shown) != len(items):
            raise ValueError("propensities must have one value per recommendation")
        if any(not 0.0 < p <= 1.0 for p in shown):
            raise ValueError("propensities must be probabilities in (0, 1]")
        if catalogue is None:
            from wor_match.recommender import default_catalogue

            catalogue = default_catalogue()
        fingerprint = catalogue_fingerprint(catalogue)
        if ranker_version is None:
            from importlib.metadata import version

            ranker_version = f"wor_match {version('wor_match')}"
        ranker = str(getattr(recommendations, "ranker", "") or "unknown")
        day = _as_date(date)
        with self._engine.begin() as conn:
            row = self._referral(conn, ref, lock=True)
            entries = [
                {"on_date": day, "event": "offered", "target_kind": "activity",
                 "target_id": item.activity_id, "reason": None, "corrects": None}
                for item in items
            ]  # fmt: skip
            ids = self._append(conn, row, entries, corrects_allowed=False)
            if items:
                conn.execute(
                    insert(offer_table),
                    [
                        {
                            "organisation": self.organisation,
                            "referral_id": ref,
                            "event_id": event_id,
                            "activity_id": item.activity_id,
                            "activity_name": getattr(item.activity, "name", None),
                            "rank": int(item.rank),
                            "score": float(item.score),
                            "baseline": float(item.explanation.baseline),
                            "points": json.dumps(
                                {c.feature: c.points for c in item.explanation.contributions}
                            ),
                            "ranker": ranker,
                            "ranker_version": ranker_version,
                            "catalogue_fingerprint": fingerprint,
                            "propensity": p,
                        }
                        for event_id, item, p in zip(ids, items, shown, strict=True)
                    ],
                )
        return ids

    def record_events(self, frame: pd.DataFrame) -> int:
        """Append many events at once (imports of past records); returns how many.

        ``frame`` has the columns ``referral_id, target, event, date`` and optionally
        ``reason`` and ``target_kind`` (default "activity" where a target is given). The
        whole frame is one transaction, checked per referral by the state machine: one bad
        row and nothing is written (the error names its row).
        """
        required = ["referral_id", "target", "event", "date"]
        missing = [c for c in required if c not in frame.columns]
        if missing:
            raise ValueError(f"record_events needs the columns {missing}")
        if frame.empty:
            return 0
        data = frame.reset_index(drop=True)
        targets = data["target"].astype(object).where(data["target"].notna(), None)
        kinds = (
            data["target_kind"].astype(object)
            if "target_kind" in data
            else pd.Series("activity", index=data.index, dtype=object)
        )
        reasons = (
            data["reason"].astype(object).where(data["reason"].notna(), None)
            if "reason" in data
            else pd.Series(None, index=data.index, dtype=object)
        )
        days = pd.to_datetime(data["date"], errors="coerce", format="ISO8601")
        if days.isna().any():
            bad = int(np.flatnonzero(days.isna().to_numpy())[0])
            raise ValueError(f"row {bad}: date must be a date (datetime.date or 'YYYY-MM-DD')")
        dates = [d.date() for d in days]
        events = data["event"].tolist()
        refs = data["referral_id"].tolist()
        target_list = targets.tolist()
        kind_list = kinds.tolist()
        for i, (event, target, kind) in enumerate(zip(events, target_list, kind_list, strict=True)):
            try:
                check_event_name(event, target)
                if event == "retracted":
                    raise UnknownEventError("record_events cannot retract; use record_event")
                if target is not None and kind not in TARGET_KINDS:
                    raise UnknownEventError(f"target_kind must be one of {list(TARGET_KINDS)}")
            except JournalError as error:
                raise type(error)(f"row {i}: {error}") from None
        reason_list = reasons.tolist()
        by_ref: dict[str, list[int]] = {}
        for i, ref in enumerate(refs):
            by_ref.setdefault(str(ref), []).append(i)
        now = _now()
        with self._engine.begin() as conn:
            known: dict[str, Any] = {}
            ref_ids = list(by_ref)
            for start in range(0, len(ref_ids), 500):
                chunk = ref_ids[start : start + 500]
                for found in conn.execute(
                    select(referral_table).where(
                        referral_table.c.id.in_(chunk),
                        referral_table.c.organisation == self.organisation,
                    )
                ):
                    known[found.id] = found
            logged: dict[str, list[LoggedEvent]] = {ref: [] for ref in ref_ids}
            for start in range(0, len(ref_ids), 500):
                chunk = ref_ids[start : start + 500]
                for event_row in conn.execute(
                    select(
                        event_table.c.id, event_table.c.on_date, event_table.c.event,
                        event_table.c.target_kind, event_table.c.target_id,
                        event_table.c.corrects, event_table.c.detail, event_table.c.referral_id,
                    ).where(event_table.c.referral_id.in_(chunk))
                ):  # fmt: skip
                    logged[event_row.referral_id].append(_logged_event(event_row))
            states: dict[str, ReferralState] = {}
            for ref, positions in by_ref.items():
                row = known.get(ref)
                if row is None:
                    raise UnknownReferralError(
                        f"row {positions[0]}: no referral {ref!r} in organisation "
                        f"{self.organisation!r}"
                    )
                if row.status in CLOSED:
                    raise ReferralClosedError(
                        f"row {positions[0]}: referral {ref} was closed on {row.closed_on}"
                    )
                history = logged[ref]
                top = max((e.id for e in history), default=0)
                new = [
                    LoggedEvent(
                        id=top + 1 + n, on_date=dates[i], event=events[i],
                        target_kind=kind_list[i] if target_list[i] is not None else None,
                        target_id=target_list[i],
                    )
                    for n, i in enumerate(positions)
                ]  # fmt: skip
                try:
                    states[ref] = replay([*history, *new], ref, row.opened_on)
                except JournalError as error:
                    raise type(error)(f"rows of referral {ref}: {error}") from None
            conn.execute(
                insert(event_table),
                [
                    {
                        "organisation": self.organisation,
                        "referral_id": refs[i],
                        "on_date": dates[i],
                        "event": events[i],
                        "target_kind": kind_list[i] if target_list[i] is not None else None,
                        "target_id": target_list[i],
                        "reason": reason_list[i],
                        "corrects": None,
                        "detail": None,
                        "recorded_at": now,
                    }
                    for i in range(len(data))
                ],
            )
            self._store_states(conn, states)
        return len(data)

    def record_measure(
        self,
        ref: str,
        instrument: str,
        answers: Mapping[Any, Any],
        *,
        date: dt.date | str,
        moment: str,
        corrects: int | None = None,
    ) -> int:
        """Record an outcome measurement; returns its id.

        Parameters
        ----------
        ref : str
        instrument : "djg11", "djg6", "ucla3", "ons4" or "positive_health"
        answers : mapping
            As :mod:`wor_match.journal._measures` describes (DJG answers are scored with
            :func:`wor_match.score_djg`).
        date : date
        moment : "intake", "follow_up" or "close"
        corrects : int, optional
            The id of an earlier measurement this one replaces.

        A closed referral takes only ``close`` measurements dated on or before its closing.
        """
        check_instrument(instrument)
        check_moment(moment)
        scores = score_measure(instrument, answers)
        day = _as_date(date)
        now = _now()
        with self._engine.begin() as conn:
            row = self._referral(conn, ref, lock=True)
            if day < row.opened_on:
                raise TransitionError(
                    f"referral {ref} was opened on {row.opened_on}; a measurement on {day} "
                    "comes before it"
                )
            if row.status in CLOSED and not (
                moment == "close" and row.closed_on is not None and day <= row.closed_on
            ):
                raise ReferralClosedError(
                    f"referral {ref} was closed on {row.closed_on}; only a 'close' measurement "
                    "dated on or before that day can be added"
                )
            self._check_corrects(conn, ref, corrects, measure_table)
            result = conn.execute(
                insert(measure_table).values(
                    organisation=self.organisation,
                    referral_id=ref,
                    instrument=instrument,
                    moment=moment,
                    on_date=day,
                    answers=json.dumps({str(k): v for k, v in answers.items()}),
                    corrects=None if corrects is None else int(corrects),
                    recorded_at=now,
                )
            )
            measure_id = _inserted_id(result)
            conn.execute(
                insert(measure_score_table),
                [
                    {
                        "organisation": self.organisation,
                        "measure_id": measure_id,
                        "referral_id": ref,
                        "instrument": instrument,
                        "moment": moment,
                        "component": component,
                        "value": value,
                    }
                    for component, value in scores.items()
                ],
            )
        return measure_id

    def close_referral(
        self,
        ref: str,
        *,
        date: dt.date | str,
        outcome: str = "completed",
        reason: str | None = None,
        next_steps: str | None = None,
    ) -> int:
        """Close a referral; returns the id of the ``closed`` event.

        ``outcome`` is the final FHIR status: ``completed`` (the trajectory ran its course),
        ``failed`` (it did not help), ``cancelled`` (stopped early: moved, withdrew) or
        ``rejected`` (not taken on). ``next_steps`` goes into the GP letter.
        """
        if outcome not in OUTCOMES:
            raise UnknownEventError(f"outcome must be one of {sorted(OUTCOMES)}; got {outcome!r}")
        entry = {
            "on_date": _as_date(date),
            "event": "closed",
            "target_kind": None,
            "target_id": None,
            "reason": reason,
            "corrects": None,
            "detail": json.dumps({"outcome": outcome, "next_steps": next_steps}),
        }
        with self._engine.begin() as conn:
            row = self._referral(conn, ref, lock=True)
            return self._append(conn, row, [entry], corrects_allowed=False)[0]

    # -- reading --------------------------------------------------------------------------

    def status(self, ref: str) -> str:
        """The referral's FHIR Task status."""
        with self._engine.connect() as conn:
            return str(self._referral(conn, ref).status)

    def referral(self, ref: str) -> dict[str, Any]:
        """The referral's record: ids, dates, status, reasons, consent, profile snapshot."""
        with self._engine.connect() as conn:
            row = self._referral(conn, ref)
        data = dict(row._mapping)
        data["reasons"] = json.loads(data["reasons"])
        data["consent"] = json.loads(data["consent"])
        data["profile"] = None if data["profile"] is None else json.loads(data["profile"])
        data.pop("organisation")
        return data

    def history(self, ref: str) -> pd.DataFrame:
        """Every event, offer and measurement of a referral, oldest first.

        Columns: ``entry`` (event or measure), ``id``, ``date``, ``event`` (the event name,
        or ``measure``), ``target_kind``, ``target`` (activity, person or instrument),
        ``reason``, ``corrects``, ``corrected_by`` (the entry that replaced this one, if
        any), ``detail`` (a dict: the offer's rank, score, ranker...; the measurement's
        moment and scores; the closing's outcome).
        """
        with self._engine.connect() as conn:
            self._referral(conn, ref)
            events = conn.execute(select(event_table).where(event_table.c.referral_id == ref)).all()
            offers = {
                row.event_id: row
                for row in conn.execute(select(offer_table).where(offer_table.c.referral_id == ref))
            }
            measures = conn.execute(
                select(measure_table).where(measure_table.c.referral_id == ref)
            ).all()
            scores = conn.execute(
                select(measure_score_table).where(measure_score_table.c.referral_id == ref)
            ).all()
        by_measure: dict[int, dict[str, float | None]] = {}
        for score in scores:
            by_measure.setdefault(score.measure_id, {})[score.component] = score.value
        corrected_event = {e.corrects: e.id for e in events if e.corrects is not None}
        corrected_measure = {m.corrects: m.id for m in measures if m.corrects is not None}
        rows: list[dict[str, Any]] = []
        for e in events:
            detail: dict[str, Any] = json.loads(e.detail) if e.detail else {}
            offer = offers.get(e.id)
            if offer is not None:
                detail = {
                    "rank": offer.rank, "score": offer.score, "name": offer.activity_name,
                    "ranker": offer.ranker, "ranker_version": offer.ranker_version,
                    "propensity": offer.propensity,
                    "catalogue_fingerprint": offer.catalogue_fingerprint,
                    "baseline": offer.baseline, "points": json.loads(offer.points),
                }  # fmt: skip
            rows.append(
                {"entry": "event", "id": e.id, "date": e.on_date, "event": e.event,
                 "target_kind": e.target_kind, "target": e.target_id, "reason": e.reason,
                 "corrects": e.corrects, "corrected_by": corrected_event.get(e.id),
                 "detail": detail, "_at": e.recorded_at}
            )  # fmt: skip
        for m in measures:
            rows.append(
                {"entry": "measure", "id": m.id, "date": m.on_date, "event": "measure",
                 "target_kind": "instrument", "target": m.instrument, "reason": None,
                 "corrects": m.corrects, "corrected_by": corrected_measure.get(m.id),
                 "detail": {"moment": m.moment, "scores": by_measure.get(m.id, {})},
                 "_at": m.recorded_at}
            )  # fmt: skip
        columns = ["entry", "id", "date", "event", "target_kind", "target", "reason",
                   "corrects", "corrected_by", "detail"]  # fmt: skip
        if not rows:
            return pd.DataFrame(columns=columns)
        frame = pd.DataFrame(rows).sort_values(["date", "_at", "entry", "id"], kind="stable")
        frame = frame[columns].reset_index(drop=True)
        for column in ("corrects", "corrected_by"):
            frame[column] = frame[column].astype("Int64")
        return frame

    def _first_contacts(self, conn: Connection, refs: Any) -> dict[str, dt.date]:
        """referral -> the day of the intake: the first intake event, intake measurement
        or offer (uncorrected), whichever came first."""
        voided = select(event_table.c.corrects).where(event_table.c.corrects.is_not(None))
        events = conn.execute(
            select(event_table.c.referral_id, func.min(event_table.c.on_date))
            .where(
                event_table.c.referral_id.in_(refs),
                event_table.c.event.in_(("intake", "offered")),
                event_table.c.id.not_in(voided),
            )
            .group_by(event_table.c.referral_id)
        ).all()
        voided_m = select(measure_table.c.corrects).where(measure_table.c.corrects.is_not(None))
        measures = conn.execute(
            select(measure_table.c.referral_id, func.min(measure_table.c.on_date))
            .where(
                measure_table.c.referral_id.in_(refs),
                measure_table.c.moment == "intake",
                measure_table.c.id.not_in(voided_m),
            )
            .group_by(measure_table.c.referral_id)
        ).all()
        first: dict[str, dt.date] = {}
        for ref, day in [*events, *measures]:
            day = _as_date(day)
            if ref not in first or day < first[ref]:
                first[ref] = day
        return first

    def referrals(
        self,
        *,
        status: str | Iterable[str] | None = None,
        open: bool | None = None,
        overdue: bool = False,
        coach: str | None = None,
        practice: str | None = None,
        client_id: str | None = None,
        today: dt.date | str | None = None,
    ) -> pd.DataFrame:
        """Referrals of this organisation, oldest first, with their intake status.

        Parameters
        ----------
        status : a FHIR status or several
        open : bool, optional
            True: only open referrals; False: only closed ones.
        overdue : bool, default False
            Only open referrals whose intake has not been held within
            :data:`INTAKE_DAYS` (14) days of the referral.
        coach, practice, client_id : str, optional
        today : date, default today
            The day "overdue" is judged on.

        Returns
        -------
        DataFrame
            ``referral_id, client_id, practice, referred_by, coach, opened_on, status,
            intake_on, intake_days, intake_overdue, closed_on, outcome``. ``intake_overdue``
            is True when the intake came (or is still missing) more than 14 days after
            the referral.
        """
        day = _as_date(today) if today is not None else dt.date.today()
        query = select(referral_table).where(referral_table.c.organisation == self.organisation)
        if status is not None:
            wanted = [status] if isinstance(status, str) else list(status)
            unknown = [s for s in wanted if s not in STATUSES]
            if unknown:
                raise UnknownEventError(f"status must be among {list(STATUSES)}; got {unknown}")
            query = query.where(referral_table.c.status.in_(wanted))
        if open is not None or overdue:
            closed = referral_table.c.status.in_(sorted(CLOSED))
            query = query.where(~closed if (open or overdue) else closed)
        if coach is not None:
            query = query.where(referral_table.c.coach == coach)
        if practice is not None:
            query = query.where(referral_table.c.practice == practice)
        if client_id is not None:
            query = query.where(referral_table.c.client_id == client_id)
        query = query.order_by(referral_table.c.opened_on, referral_table.c.recorded_at)
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
            ids = [r.id for r in rows]
            first: dict[str, dt.date] = {}
            for start in range(0, len(ids), 500):
                first.update(self._first_contacts(conn, ids[start : start + 500]))
        records = []
        for r in rows:
            intake = first.get(r.id)
            waited = ((intake or day) - r.opened_on).days
            late = waited > INTAKE_DAYS and (intake is not None or r.status not in CLOSED)
            records.append(
                {"referral_id": r.id, "client_id": r.client_id, "practice": r.practice,
                 "referred_by": r.referred_by, "coach": r.coach, "opened_on": r.opened_on,
                 "status": r.status, "intake_on": intake,
                 "intake_days": None if intake is None else waited, "intake_overdue": late,
                 "closed_on": r.closed_on, "outcome": r.outcome}
            )  # fmt: skip
        columns = ["referral_id", "client_id", "practice", "referred_by", "coach", "opened_on",
                   "status", "intake_on", "intake_days", "intake_overdue", "closed_on",
                   "outcome"]  # fmt: skip
        frame = pd.DataFrame(records, columns=columns)
        frame["intake_days"] = frame["intake_days"].astype("Int64")
        frame["intake_overdue"] = frame["intake_overdue"].astype(bool)
        if overdue:
            frame = frame[frame["intake_overdue"] & frame["intake_on"].isna()]
        return frame.reset_index(drop=True)

    def gp_feedback(self, ref: str, *, language: str = "nl") -> str:
        """A short letter back to the GP (markdown), following the PRSB "message back to GP"
        (needs and what matters, support offered and taken up, outcomes before and after,
        next steps), with only what the referral's consent allows."""
        from wor_match.journal.feedback import gp_letter

        return gp_letter(self.referral(ref), self.history(ref), language=language)

    def report(self, *, start: dt.date | str, end: dt.date | str, language: str = "nl") -> Any:
        """Figures for the municipality on the referrals opened from ``start`` to ``end``
        (both included): a :class:`~wor_match.journal.JournalReport`."""
        from wor_match.journal.report import build_report

        return build_report(self, _as_date(start, "start"), _as_date(end, "end"), language)

    # -- research -------------------------------------------------------------------------

    def offers(self) -> pd.DataFrame:
        """Every logged offer of this organisation and what became of it.

        Columns: ``referral_id, client_id, activity_id, on_date, rank, score, ranker,
        ranker_version, propensity, last_event`` (the furthest uncorrected event for that
        activity in the referral: offered, accepted, declined, started, continued or
        dropped_out).
        """
        with self._engine.connect() as conn:
            offers = pd.DataFrame(
                conn.execute(
                    select(
                        offer_table.c.referral_id, referral_table.c.client_id,
                        offer_table.c.activity_id, event_table.c.on_date, offer_table.c.rank,
                        offer_table.c.score, offer_table.c.ranker,
                        offer_table.c.ranker_version, offer_table.c.propensity,
                    )
                    .join(event_table, event_table.c.id == offer_table.c.event_id)
                    .join(referral_table, referral_table.c.id == offer_table.c.referral_id)
                    .where(offer_table.c.organisation == self.organisation)
                ).all()
            )  # fmt: skip
        columns = ["referral_id", "client_id", "activity_id", "on_date", "rank", "score",
                   "ranker", "ranker_version", "propensity", "last_event"]  # fmt: skip
        if offers.empty:
            return pd.DataFrame(columns=columns)
        events = self._interactions()
        stage = {name: i for i, name in enumerate(OFFER_EVENTS)}
        events["order"] = events["event"].map(stage)
        last = (
            events.sort_values("order")
            .groupby(["referral_id", "activity_id"], sort=False)["event"]
            .last()
            .rename("last_event")
        )
        frame = offers.join(last, on=["referral_id", "activity_id"])
        return frame[columns]

    def _interactions(self) -> pd.DataFrame:
        """Uncorrected offer events on activities: referral_id, client_id, activity_id,
        event, on_date, reason."""
        voided = select(event_table.c.corrects).where(event_table.c.corrects.is_not(None))
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(
                    event_table.c.referral_id, referral_table.c.client_id,
                    event_table.c.target_id.label("activity_id"), event_table.c.event,
                    event_table.c.on_date, event_table.c.reason,
                )
                .join(referral_table, referral_table.c.id == event_table.c.referral_id)
                .where(
                    event_table.c.organisation == self.organisation,
                    event_table.c.target_kind == "activity",
                    event_table.c.event.in_(OFFER_EVENTS),
                    event_table.c.id.not_in(voided),
                )
                .order_by(event_table.c.on_date, event_table.c.id)
            ).all()  # fmt: skip
        return pd.DataFrame(
            rows,
            columns=["referral_id", "client_id", "activity_id", "event", "on_date", "reason"],
        )

    def to_dataset(self, catalogue: Any = None) -> Any:
        """The journal in the research dataset format (:class:`wor_match.datasets.Dataset`).

        Profiles are the referrals' snapshots (the latest per client); interactions are the
        uncorrected offer events on activities of clients with a snapshot, for activities
        in ``catalogue`` (default: the default catalogue). What was left out is counted in
        ``metadata["left_out"]``.
        """
        from wor_match.datasets import Dataset
        from wor_match.models.profile import ClientProfile

        if catalogue is None:
            from wor_match.recommender import default_catalogue

            catalogue = default_catalogue()
        with self._engine.connect() as conn:
            snapshots = conn.execute(
                select(referral_table.c.client_id, referral_table.c.profile)
                .where(
                    referral_table.c.organisation == self.organisation,
                    referral_table.c.profile.is_not(None),
                )
                .order_by(referral_table.c.opened_on, referral_table.c.recorded_at)
            ).all()
        latest = {client: text for client, text in snapshots}
        profiles = [ClientProfile.model_validate_json(text) for text in latest.values()]
        events = self._interactions()
        known = events["client_id"].isin(set(latest)) & events["activity_id"].isin(
            set(map(str, catalogue.ids))
        )
        kept = events[known]
        interactions = pd.DataFrame(
            {
                "client_id": kept["client_id"].astype(str),
                "activity_id": kept["activity_id"].astype(str),
                "event": kept["event"],
                "timestamp": pd.to_datetime(kept["on_date"]).dt.tz_localize("UTC"),
                "reason": kept["reason"].fillna(""),
            }
        ).reset_index(drop=True)
        return Dataset(
            catalogue=catalogue,
            profiles=profiles,
            interactions=interactions,
            metadata={
                "name": f"journal:{self.organisation}",
                "source": "wor_match referral journal",
                "left_out": {"events": int((~known).sum())},
            },
        )

    # -- erasure --------------------------------------------------------------------------

    def _erase(self, conn: Connection, refs: list[str]) -> dict[str, int]:
        removed = {"referrals": 0, "events": 0, "offers": 0, "measures": 0, "measure_scores": 0}
        names = {
            "wm_measure_score": "measure_scores", "wm_measure": "measures",
            "wm_offer": "offers", "wm_event": "events", "wm_referral": "referrals",
        }  # fmt: skip
        for start in range(0, len(refs), 500):
            chunk = refs[start : start + 500]
            for table in ALL_TABLES:
                column = table.c.id if table is referral_table else table.c.referral_id
                result = conn.execute(
                    delete(table).where(
                        and_(column.in_(chunk), table.c.organisation == self.organisation)
                    )
                )
                removed[names[table.name]] += int(result.rowcount or 0)
        return removed

    def forget(self, client_id: str) -> dict[str, int]:
        """Erase a client: every referral of theirs in this organisation and every row that
        hangs from it. Returns how many rows went from each table (all zero for an unknown
        client)."""
        _key(client_id, "client_id")
        with self._engine.begin() as conn:
            refs = list(
                conn.scalars(
                    select(referral_table.c.id).where(
                        referral_table.c.organisation == self.organisation,
                        referral_table.c.client_id == client_id,
                    )
                )
            )
            return self._erase(conn, refs)

    def purge(self, *, before: dt.date | str) -> dict[str, int]:
        """Retention: erase every referral of this organisation closed before ``before``
        (open referrals stay, however old). Returns the rows removed per table."""
        day = _as_date(before, "before")
        with self._engine.begin() as conn:
            refs = list(
                conn.scalars(
                    select(referral_table.c.id).where(
                        referral_table.c.organisation == self.organisation,
                        referral_table.c.closed_on.is_not(None),
                        referral_table.c.closed_on < day,
                    )
                )
            )
            return self._erase(conn, refs)

    def counts(self) -> dict[str, int]:
        """Rows per table for this organisation (for checks and for the CLI)."""
        with self._engine.connect() as conn:
            return {
                table.name: int(
                    conn.scalar(
                        select(func.count())
                        .select_from(table)
                        .where(table.c.organisation == self.organisation)
                    )
                    or 0
                )
                for table in ALL_TABLES
            }


def _inserted_id(result: Any) -> int:
    key = result.inserted_primary_key
    return int(key[0])


def _logged_event(row: Any) -> LoggedEvent:
    outcome = json.loads(row.detail).get("outcome") if row.detail else None
    return LoggedEvent(
        id=int(row.id),
        on_date=_as_date(row.on_date),
        event=row.event,
        target_kind=row.target_kind,
        target_id=row.target_id,
        corrects=row.corrects,
        outcome=outcome,
    )
