"""The drills run only when asked for by marker (`make drills` passes -m drill), whatever else -m says."""


def pytest_collection_modifyitems(config, items):
    if "drill" in (config.getoption("markexpr") or ""):
        return
    drills = [item for item in items if item.get_closest_marker("drill")]
    if drills:
        config.hook.pytest_deselected(items=drills)
        items[:] = [item for item in items if not item.get_closest_marker("drill")]
