"""Command line: `python -m lib catalogue|status|template|import|versions|restore|user|round|submit|review|report|…`."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="博山区妇女发展规划监测工具")
    sub = parser.add_subparsers(dest="command", required=True)

    cat = sub.add_parser("catalogue", help="从规划文本生成目录表（Parquet）")
    cat.add_argument("--plan", required=True, help="规划文本文件（UTF-8）")
    cat.add_argument("--out", required=True, help="输出目录")

    st = sub.add_parser("status", help="计算某评估年度每个指标的进展状态与预警")
    st.add_argument("--year", type=int, required=True, help="评估年度，如 2025")
    st.add_argument("--data-dir", default=None, help="数据目录（默认 data/ 或环境变量 BOSHAN_DATA_DIR）")
    st.add_argument("--format", choices=("csv", "json"), default="csv")

    tpl = sub.add_parser("template", help="生成某年度的数据填报模板（Excel）")
    tpl.add_argument("--year", type=int, required=True, help="填报年度，如 2025")
    tpl.add_argument("--department", default=None, help="部门（默认全部单位），如 区卫生健康局")
    tpl.add_argument("--out", required=True, help="输出的 .xlsx 文件")
    tpl.add_argument("--data-dir", default=None, help="数据目录（默认 data/ 或环境变量 BOSHAN_DATA_DIR）")

    imp = sub.add_parser("import", help="检查并导入填好的数据填报模板（.xlsx 或 .csv），成为新的数据版本")
    imp.add_argument("--file", required=True, help="填好的模板文件")
    imp.add_argument("--user", required=True, help="以哪个账户导入（填报员只能导入本部门的指标）")
    imp.add_argument("--dry-run", action="store_true", help="只检查并显示将新增、替换的行数，不写入")
    imp.add_argument("--year", type=int, default=None, help="填报年度：其他年度的模板或行被拒绝")
    imp.add_argument("--department", default=None, help="报送部门：其他部门的模板被拒绝")

    ver = sub.add_parser("versions", help="列出数据版本，或某一版改了什么（原值 → 新值）")
    ver.add_argument("--version", type=int, default=None, help="版本号：列出这一版的变更")
    ver.add_argument("--format", choices=("text", "csv"), default="text")

    res = sub.add_parser("restore", help="把数据恢复到某个早先的版本（作为新的一版，管理员）")
    res.add_argument("--version", type=int, required=True, help="要恢复到的版本号")
    res.add_argument("--user", required=True, help="管理员账户")

    usr = sub.add_parser("user", help="账户：add 新增（密码从标准输入读取）、list、disable、enable、passwd")
    usr.add_argument("action", choices=("add", "list", "disable", "enable", "passwd"))
    usr.add_argument("--name", default=None, help="用户名")
    usr.add_argument("--role", default=None, help="管理员、填报员 或 只读（add）")
    usr.add_argument("--department", default=None, help="填报员所属部门，如 区卫生健康局（add）")

    rep = sub.add_parser("report", help="生成某评估年度的监测报告（Word）")
    rep.add_argument("--year", type=int, required=True, help="评估年度，如 2025（2023 中期评估，2025 终期评估）")
    rep.add_argument("--out", required=True, help="输出的 .docx 文件")
    rep.add_argument("--data-dir", default=None, help="数据目录（默认 data/ 或环境变量 BOSHAN_DATA_DIR）")
    sub.add_parser("schema", help="打印数据表结构（Markdown，即 docs/data-contract.md 中的表）")

    acc = sub.add_parser("accountable", help="列出或设定规划措施中提出的指标的负责单位")
    acc.add_argument("--indicator", default=None, help="指标编号，如 A8-M09-1（不给则列出全部）")
    acc.add_argument("--department", default=None, help="负责单位，如 区住房和城乡建设局")
    acc.add_argument("--user", default=None, help="设定时：管理员账户")
    acc.add_argument("--data-dir", default=None, help="数据目录（默认 data/ 或环境变量 BOSHAN_DATA_DIR）")

    rnd = sub.add_parser(
        "round", help="年度报送：open 开启（管理员）、status 进度（每个部门一行）、close 关闭（管理员）"
    )
    rnd.add_argument("action", choices=("open", "status", "close"))
    rnd.add_argument("--year", type=int, required=True, help="报送年度，如 2025")
    rnd.add_argument("--deadline", default=None, help="截止日期 YYYY-MM-DD（open）")
    rnd.add_argument("--user", default=None, help="管理员账户（open、close）")
    rnd.add_argument("--format", choices=("text", "csv"), default="text", help="status 的输出格式")

    sbm = sub.add_parser("submit", help="报送某部门填好的年度模板（填报员）")
    sbm.add_argument("--file", required=True, help="填好的模板文件（.xlsx 或 .csv）")
    sbm.add_argument("--user", required=True, help="填报员账户（只能报送本部门的指标）")

    rev = sub.add_parser("review", help="审核某部门已报送的数据：--accept 通过，或 --return 理由 退回（管理员）")
    rev.add_argument("--year", type=int, required=True, help="报送年度")
    rev.add_argument("--department", required=True, help="部门，如 区卫生健康局")
    decision = rev.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", action="store_true", help="通过：写入正式数据，成为新的数据版本")
    decision.add_argument("--return", dest="comment", default=None, help="退回，并写明理由")
    rev.add_argument("--indicator", default=None, help="只审核这一个指标")
    rev.add_argument("--user", required=True, help="管理员账户")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "catalogue":
        from lib.catalogue.build import run_catalogue

        return run_catalogue(args.plan, args.out)
    if args.command == "schema":
        from lib.contract.schema import markdown_table

        print(markdown_table())
        return 0
    if args.command == "template":
        from lib.cli.entry import run_template

        return run_template(args.year, args.department, args.out, args.data_dir)
    if args.command == "import":
        from lib.cli.store import run_import

        return run_import(args.file, args.user, args.dry_run, year=args.year, department=args.department)
    if args.command == "versions":
        from lib.cli.store import run_versions

        return run_versions(args.version, args.format)
    if args.command == "restore":
        from lib.cli.store import run_restore

        return run_restore(args.version, args.user)
    if args.command == "user":
        from lib.cli.store import run_user

        return run_user(args.action, args.name, args.role, args.department)
    if args.command == "round":
        from lib.cli.round import run_round

        return run_round(args.action, args.year, args.user, args.deadline, args.format)
    if args.command == "submit":
        from lib.cli.round import run_submit

        return run_submit(args.file, args.user)
    if args.command == "review":
        from lib.cli.round import run_review

        return run_review(args.year, args.department, args.user, args.accept, args.comment, args.indicator)
    if args.command == "report":
        from lib.cli.report import run_report

        return run_report(args.year, args.out, args.data_dir)
    if args.command == "accountable":
        from lib.cli.accountable import run_accountable

        return run_accountable(args.indicator, args.department, args.data_dir, user=args.user)
    from lib.cli.status import run_status

    return run_status(args.year, args.data_dir, args.format)


if __name__ == "__main__":
    sys.exit(main())
