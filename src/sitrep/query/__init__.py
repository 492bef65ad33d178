"""The read side: timeline, stats and exports over a Store."""

from sitrep.query.export import export_csv, export_json
from sitrep.query.stats import stats
from sitrep.query.timeline import format_date, timeline

__all__ = ["timeline", "format_date", "stats", "export_json", "export_csv"]
