"""functools for python-c, in Python."""


def reduce(function, iterable, *initial):
    it = iter(iterable)
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    for element in it:
        value = function(value, element)
    return value


class partial:
    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        kw = dict(self.keywords)
        kw.update(keywords)
        return self.func(*self.args, *args, **kw)


WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__")


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=()):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=()):
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned)
    return decorator


class _CacheInfo(tuple):
    pass


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and not isinstance(maxsize, int):
        return _make_cached(maxsize, None)

    def decorator(func):
        return _make_cached(func, maxsize)
    return decorator


def cache(func):
    return _make_cached(func, None)


def _make_cached(func, maxsize):
    memo = {}
    stats = [0, 0]

    def wrapper(*args, **kwargs):
        key = args
        if kwargs:
            key = args + (_KwMark,) + tuple(sorted(kwargs.items()))
        if key in memo:
            stats[0] += 1
            return memo[key]
        stats[1] += 1
        result = func(*args, **kwargs)
        if maxsize is not None and len(memo) >= maxsize > 0:
            del memo[next(iter(memo))]
        if maxsize != 0:
            memo[key] = result
        return result

    def cache_info():
        return "CacheInfo(hits=" + str(stats[0]) + ", misses=" + str(stats[1]) + ", maxsize=" + str(maxsize) + ", currsize=" + str(len(memo)) + ")"

    def cache_clear():
        memo.clear()
        stats[0] = 0
        stats[1] = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    update_wrapper(wrapper, func)
    return wrapper


class _KwMark:
    pass


def cmp_to_key(mycmp):
    class K:
        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0
    return K


def total_ordering(cls):
    d = cls.__dict__
    if "__lt__" in d:
        if "__gt__" not in d:
            cls.__gt__ = lambda self, other: other < self
        if "__le__" not in d:
            cls.__le__ = lambda self, other: not other < self
        if "__ge__" not in d:
            cls.__ge__ = lambda self, other: not self < other
    elif "__gt__" in d:
        if "__lt__" not in d:
            cls.__lt__ = lambda self, other: other > self
        if "__ge__" not in d:
            cls.__ge__ = lambda self, other: not other > self
        if "__le__" not in d:
            cls.__le__ = lambda self, other: not self > other
    return cls
