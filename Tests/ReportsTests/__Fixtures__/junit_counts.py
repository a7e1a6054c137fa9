"""Reads a JUnit XML file the way CI tools do and prints its counts as JSON.

With junitparser (installed by .ci/run into .build/test-venv) it is read by junitparser; without it, by
xml.etree. "parser" in the output says which.
"""
import json
import sys

path = sys.argv[1]
out = {"suites": [], "cases": []}
try:
    from importlib.metadata import version
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(path)
    out["parser"] = "junitparser " + version("junitparser")
    out["declared"] = {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors}
    for suite in xml:
        out["suites"].append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                              "errors": suite.errors, "skipped": suite.skipped})
        for case in suite:
            kinds = [type(result).__name__.lower() for result in case.result]
            out["cases"].append([case.classname, case.name, kinds[0] if kinds else "passed"])
except ImportError:
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.parse(path).getroot()
    out["parser"] = "xml.etree"
    out["declared"] = {key: int(root.get(key)) for key in ("tests", "failures", "errors")}
    for suite in root.findall("testsuite"):
        out["suites"].append({"name": suite.get("name"), **{key: int(suite.get(key))
                              for key in ("tests", "failures", "errors", "skipped")}})
        for case in suite.findall("testcase"):
            kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
            out["cases"].append([case.get("classname"), case.get("name"), kinds[0] if kinds else "passed"])
print(json.dumps(out))
