"""The targets a work report states for its year, and the outcomes the next report gives."""
