"""axe-core from node_modules, run on a Playwright page: WCAG 2.1 AA violations as lines."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_script: Path = AXE) -> list[str]:
    """Run axe-core on the page as it stands; one readable line per violation and target."""
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return {
                passes: results.passes.length,
                violations: results.violations.map((v) => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    targets: v.nodes.map((n) => n.target.join(" ")),
                })),
            };
        }""",
        WCAG_AA,
    )
    assert results["passes"] > 0, f"axe-core checked nothing on {page.url}"
    return [
        f"{page.url} [{violation['id']}, {violation['impact']}] {violation['help']}: {target}"
        for violation in results["violations"]
        for target in violation["targets"]
    ]


def assert_no_violations(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} accessibility violation(s):\n" + "\n".join(problems)
