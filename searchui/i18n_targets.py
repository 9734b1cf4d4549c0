"""The labels of the targets page (issue 26), in Chinese and English; merged into
``searchui.i18n.LABELS``."""

TARGET_LABELS: dict[str, tuple[str, str]] = {
    "targets": ("目标与完成", "Targets and outcomes"),
    "targets_intro": (
        "每份政府工作报告提出的当年预期目标（主要预期目标段落），与下一年报告回顾部分所述的实际完成值并列。"
        "“未设”：报告没有给出该指标的数值目标；空白：没有收录该地该年的报告。",
        "Each work report's stated target for its year (from its main expected targets), beside what the next "
        "year's report says was achieved. “none”: the report sets no number for the indicator; blank: no report "
        "of that place and year is indexed.",
    ),
    "indicator": ("指标", "Indicator"),
    "any_level": ("全部层级", "All levels"),
    "show_targets": ("查看", "Show"),
    "targets_table": ("各地各年的目标", "Targets by place and year"),
    "target_vs_outcome": ("目标与实际", "Target against outcome"),
    "charts_note": (
        "蓝线：目标（区间为竖条）；橙线：下一年报告所述实际值。",
        "Blue: the target (a bar for a range); orange: the outcome the next report gives.",
    ),
    "met_share": ("完成目标的比例", "Share of targets met"),
    "met_rule": (
        "有实际值的目标中，实际值不低于目标（区间取下限；“以内”“以下”类目标为不高于）的比例。",
        "Of the targets with an outcome, the share whose outcome reached the target (the low end of a range; "
        "at most the target for a ceiling such as 以内).",
    ),
    "col_place": ("地区", "Place"),
    "col_level": ("层级", "Level"),
    "col_with_outcome": ("有实际值", "With outcome"),
    "col_met": ("完成", "Met"),
    "col_share": ("比例", "Share"),
    "no_target": ("未设", "none"),
    "no_report": ("无报告", "no report"),
    "outcome_short": ("实际 {value}", "outcome {value}"),
    "met_yes": ("已完成", "met"),
    "met_no": ("未完成", "not met"),
    "targets_rows": ("{n} 个目标，{m} 份报告未设", "{n} targets, {m} reports without one"),
}
