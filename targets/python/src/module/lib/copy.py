"""copy for python-c, in Python."""


def copy(x):
    if isinstance(x, list):
        return list(x)
    if isinstance(x, dict):
        return x.copy()
    if isinstance(x, set):
        return set(x)
    if hasattr(x, "__copy__"):
        return x.__copy__()
    if hasattr(x, "__dict__") and not isinstance(x, type):
        cls = type(x)
        y = cls.__new__(cls)
        for k, v in x.__dict__.items():
            setattr(y, k, v)
        return y
    return x


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    i = id(x)
    if i in memo:
        return memo[i]
    if isinstance(x, list):
        y = []
        memo[i] = y
        for v in x:
            y.append(deepcopy(v, memo))
        return y
    if isinstance(x, tuple):
        y = tuple([deepcopy(v, memo) for v in x])
        memo[i] = y
        return y
    if isinstance(x, dict):
        y = {}
        memo[i] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
        return y
    if isinstance(x, set):
        y = set()
        memo[i] = y
        for v in x:
            y.add(deepcopy(v, memo))
        return y
    if hasattr(x, "__deepcopy__"):
        return x.__deepcopy__(memo)
    if hasattr(x, "__dict__") and not isinstance(x, type) and not callable(x):
        cls = type(x)
        y = cls.__new__(cls)
        memo[i] = y
        for k, v in x.__dict__.items():
            setattr(y, k, deepcopy(v, memo))
        return y
    return x
