"""Generate realistic 政府信息公开工作年度报告 for benchmarks (and for tests that need many files).

Reports follow both editions (2019 format for years 2019-2020, 2021 format after), carry every
table with numbers that satisfy the format's arithmetic, prose that states some of those numbers,
and are about 8 KB each like real ones. A few percent carry a typical defect (a total that does
not add up, a blank cell, a wrong year, a variant section title, a prose figure that contradicts
the table), so that rules have something to report.

    python benchmarks/generate.py 2000 /tmp/reports
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

CITIES = ["淮安市", "宿迁市", "沭阳县", "洪泽区", "平潭县", "丽水市", "九江市", "汉阳区", "文登区", "来凤县"]
OFFICES = ["人民政府", "交通运输局", "教育局", "财政局", "民政局", "生态环境局", "住房和城乡建设局", "卫生健康委员会",
           "市场监督管理局", "自然资源和规划局", "农业农村局", "统计局", "审计局", "水利局", "商务局", "司法局"]
FILLER = [
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，持续深化政务公开。",
    "进一步规范政府信息公开工作流程，完善政府信息公开审查机制，严格落实“先审查、后公开”和“一事一审”制度。",
    "加强政府网站和政务新媒体管理，定期开展栏目巡查，及时更新政府信息公开专栏内容，确保公开信息准确、及时、规范。",
    "聚焦群众关切，围绕重大建设项目、公共资源配置、社会公益事业建设等重点领域，主动公开各类政府信息。",
    "强化政策解读，采用图文、视频、问答等多种形式解读重要政策文件，提升政策解读的针对性和通俗化水平。",
    "畅通依申请公开渠道，规范受理、登记、办理、答复等环节，加强与申请人的沟通，依法保障申请人的合法权益。",
    "加强政府信息公开工作人员培训，组织开展业务培训和案例研讨，不断提升工作人员的业务能力和水平。",
]
T3_ROWS_2021 = [
    ("（一）予以公开", "open"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
    ("（三）不予公开：1.属于国家秘密", "d"), ("2.其他法律行政法规禁止公开", "d"), ("3.危及“三安全一稳定”", "d"),
    ("4.保护第三方合法权益", "d"), ("5.属于三类内部事务信息", "d"), ("6.属于四类过程性信息", "d"),
    ("7.属于行政执法案卷", "d"), ("8.属于行政查询事项", "d"),
    ("（四）无法提供：1.本机关不掌握相关政府信息", "u"), ("2.没有现成信息需要另行制作", "u"), ("3.补正后申请内容仍不明确", "u"),
    ("（五）不予处理：1.信访举报投诉类申请", "n"), ("2.重复申请", "n"), ("3.要求提供公开出版物", "n"),
    ("4.无正当理由大量反复申请", "n"), ("5.要求行政机关确认或重新出具已获取信息", "n"),
]
OTHER_2021 = [("（六）其他处理：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "o"),
              ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "o"), ("3.其他", "o")]
OTHER_2019 = [("（六）其他处理", "o")]
DEFECTS = ("total", "blank", "year", "title", "prose", "edition")


def _t3(rng: random.Random, edition: str):
    rows = T3_ROWS_2021 + (OTHER_2021 if edition == "2021" else OTHER_2019)
    scale = rng.choice([0, 1, 3, 10, 40, 200])
    data = []
    for label, kind in rows:
        weight = {"open": 1.0, "partial": 0.3, "d": 0.05, "u": 0.2, "n": 0.05, "o": 0.05}[kind]
        cells = [rng.randint(0, int(scale * weight)) if c == 0 else (rng.randint(0, int(scale * weight / 5)) if rng.random() < 0.3 else 0)
                 for c in range(6)]
        data.append((label, cells))
    total = [sum(cells[c] for _, cells in data) for c in range(6)]
    carry_out = [rng.randint(0, max(0, t // 10)) for t in total]
    carry_in = [rng.randint(0, max(0, (t + o) // 10)) for t, o in zip(total, carry_out)]
    new = [t + o - i for t, o, i in zip(total, carry_out, carry_in)]
    return new, carry_in, data, total, carry_out


def _row(label: str, cells: list) -> str:
    vals = [*cells, sum(cells)] if cells and all(isinstance(c, int) for c in cells) else cells
    return "| " + label + " | " + " | ".join(str(v) for v in vals) + " |"


def report(i: int, seed: int = 0, defect: str | None = None) -> str:
    rng = random.Random(seed * 1_000_003 + i)
    edition = "2019" if i % 4 == 0 else "2021"
    year = rng.choice([2019, 2020]) if edition == "2019" else rng.choice([2021, 2022, 2023, 2024, 2025])
    city, office = rng.choice(CITIES), rng.choice(OFFICES)
    org = city + office + ("" if office == "人民政府" else f"（{i}）")
    level = "government" if office == "人民政府" else "department"
    title = f"{org}{year}年政府信息公开工作年度报告"
    new, carry_in, data, total, carry_out = _t3(rng, edition)
    rev = [rng.randint(0, 5) for _ in range(4)]
    litd = [rng.randint(0, 3) for _ in range(4)]
    lita = [rng.randint(0, 2) for _ in range(4)]
    shown_year = year
    if defect == "year":
        shown_year = year - 1
    fm_edition = edition
    if defect == "edition":
        fm_edition = "2019" if edition == "2021" else "2021"
    out = [
        "---", "profile: gov-info-disclosure", f'edition: "{fm_edition}"', f"title: {title}", f"organization: {org}",
        f"year: {year}", f"level: {level}", f"published: {year + 1}-01-{rng.randint(10, 28)}", "---", "",
        f"# {org}{shown_year}年政府信息公开工作年度报告", "",
        f"本报告由{org}根据《中华人民共和国政府信息公开条例》编制。报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", "",
        "## 一、总体情况", "",
    ]
    for k in range(5):
        out += [f"（{'一二三四五'[k]}）" + "".join(rng.sample(FILLER, 3)), ""]
    stated_new = sum(new) + (1 if defect == "prose" else 0)
    out += [f"{year}年，共收到政府信息公开申请{stated_new}件，上年结转{sum(carry_in)}件，结转下年度继续办理{sum(carry_out)}件。", ""]
    if level == "government":
        out += ["全年开展政务公开工作考核，组织社会评议，未发生责任追究情况。", ""]
    out += ["## 二、主动公开政府信息情况", "", "| 第二十条第（一）项 |  |  |  |", "|---|---|---|---|"]
    made, rep = rng.randint(0, 12), rng.randint(0, 8)
    if edition == "2021":
        valid = made + rng.randint(0, 60)
        out += ["| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", f"| 规章 | 0 | 0 | {rng.randint(0, 5)} |",
                f"| 行政规范性文件 | {made} | {rep} | {valid} |",
                "| **第二十条第（五）项** |  |  |  |", "| 信息内容 | 本年处理决定数量 |  |  |", f"| 行政许可 | {rng.randint(0, 90000)} |  |  |",
                "| **第二十条第（六）项** |  |  |  |", "| 信息内容 | 本年处理决定数量 |  |  |", f"| 行政处罚 | {rng.randint(0, 9000)} |  |  |",
                f"| 行政强制 | {rng.randint(0, 300)} |  |  |",
                "| **第二十条第（八）项** |  |  |  |", "| 信息内容 | 本年收费金额（单位：万元） |  |  |",
                f"| 行政事业性收费 | {rng.randint(0, 99999)}.{rng.randint(0, 99)} |  |  |"]
    else:
        out += ["| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |", "| 规章 | 0 | 0 | 0 |",
                f"| 规范性文件 | {made} | {made} | {made + rng.randint(0, 40)} |",
                "| **第二十条第（五）项** |  |  |  |", "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
                f"| 行政许可 | {rng.randint(0, 300)} | {rng.randint(-20, 20)} | {rng.randint(0, 9000)} |",
                f"| 其他对外管理服务事项 | {rng.randint(0, 50)} | 0 | {rng.randint(0, 900)} |",
                "| **第二十条第（六）项** |  |  |  |", "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
                f"| 行政处罚 | {rng.randint(0, 300)} | {rng.randint(-20, 20)} | {rng.randint(0, 900)} |",
                f"| 行政强制 | {rng.randint(0, 30)} | 0 | {rng.randint(0, 90)} |",
                "| **第二十条第（八）项** |  |  |  |", "| 信息内容 | 上一年项目数量 | 本年增/减 |  |",
                f"| 行政事业性收费 | {rng.randint(0, 30)} | 0 |  |",
                "| **第二十条第（九）项** |  |  |  |", "| 信息内容 | 采购项目数量 | 采购总金额（万元） |  |",
                f"| 政府集中采购 | {rng.randint(0, 60)} | {rng.randint(0, 20000)}.{rng.randint(0, 9999):04d} |  |"]
    out += ["", "## 三、收到和处理政府信息公开申请情况", "",
            "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            _row("一、本年新收政府信息公开申请数量", new), _row("二、上年结转政府信息公开申请数量", carry_in)]
    for k, (label, cells) in enumerate(data):
        out.append(_row(("三、本年度办理结果：" if k == 0 else "") + label, cells))
    total_row = _row("（七）总计", total)
    if defect == "total":
        parts = total_row.split(" | ")
        parts[1] = str(int(parts[1]) + 1)
        total_row = " | ".join(parts)
    if defect == "blank":
        total_row = total_row.replace(f"| {total[2]} |", "|  |", 1)
    out += [total_row, _row("四、结转下年度继续办理", carry_out), ""]
    out += ["## " + ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况" if defect == "title" else "四、政府信息公开行政复议、行政诉讼情况"), "",
            "| 行政复议：结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉：结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 复议后起诉：结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "|" + "---:|" * 15,
            "| " + " | ".join(str(v) for v in [*rev, sum(rev), *litd, sum(litd), *lita, sum(lita)]) + " |", ""]
    out += ["## 五、存在的主要问题及改进情况", "", "".join(rng.sample(FILLER, 4)), "", "".join(rng.sample(FILLER, 3)), ""]
    out += ["## 六、其他需要报告的事项", "", f"本年度{'未' if rng.random() < 0.7 else ''}收取信息处理费。" + "".join(rng.sample(FILLER, 2)), ""]
    return "\n".join(out)


def generate(n: int, out_dir: Path, seed: int = 0, defect_rate: float = 0.05) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        defect = rng.choice(DEFECTS) if rng.random() < defect_rate else None
        p = out_dir / f"{i // 100:03d}" / f"report-{i:05d}.md"
        p.parent.mkdir(exist_ok=True)
        p.write_text(report(i, seed, defect), encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--defect-rate", type=float, default=0.05)
    args = ap.parse_args()
    paths = generate(args.count, args.out_dir, args.seed, args.defect_rate)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports, {size / len(paths) / 1024:.1f} KB on average, in {args.out_dir}")


if __name__ == "__main__":
    main()
