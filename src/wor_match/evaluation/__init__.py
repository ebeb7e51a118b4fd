"""Evaluation: per-client ranking metrics, splitters, and :func:`compare` for rankers."""

from wor_match.evaluation.compare import METRICS, ComparisonReport, compare
from wor_match.evaluation.metrics import (
    EVENT_GRADES,
    catalogue_coverage,
    exposure_share,
    group_gaps,
    hit_at_k,
    intra_list_diversity,
    map_at_k,
    mean,
    mrr,
    ndcg_at_k,
    novelty,
    precision_at_k,
    rank_from_scores,
    recall_at_k,
    relevance_from_events,
)
from wor_match.evaluation.off_policy import doubly_robust, ips, snips
from wor_match.evaluation.scoring import grouped_ndcg_scorer
from wor_match.evaluation.splits import ClientSplit, TemporalSplit, group_kfold

__all__ = [
    "ClientSplit",
    "ComparisonReport",
    "EVENT_GRADES",
    "METRICS",
    "TemporalSplit",
    "catalogue_coverage",
    "compare",
    "doubly_robust",
    "exposure_share",
    "group_gaps",
    "group_kfold",
    "grouped_ndcg_scorer",
    "hit_at_k",
    "intra_list_diversity",
    "ips",
    "map_at_k",
    "mean",
    "mrr",
    "ndcg_at_k",
    "novelty",
    "precision_at_k",
    "rank_from_scores",
    "recall_at_k",
    "relevance_from_events",
    "snips",
]
