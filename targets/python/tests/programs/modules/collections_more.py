# collections: Counter, OrderedDict, namedtuple, and collections.abc names.
from collections import Counter, OrderedDict, namedtuple
import collections.abc
c = Counter("abracadabra")
print(c.most_common(3), c["a"], c["z"], sorted(c.elements())[:6], sum(c.values()))
c.update("aaz")
print(c.most_common(2), (Counter("aab") + Counter("bc")).most_common())
o = OrderedDict()
o["b"] = 1; o["a"] = 2
o.move_to_end("b")
print(list(o.items()), o.popitem(last=False))
P = namedtuple("P", "x y")
p = P(1, y=2)
print(p, p.x, p[1], p._replace(x=5), p._asdict(), tuple(p), P._fields)
print(isinstance([], collections.abc.Sequence), isinstance({}, collections.abc.Mapping), isinstance(iter([]), collections.abc.Iterator), issubclass(list, collections.abc.Iterable))
from collections.abc import Iterable, Callable
def f(xs: Iterable, g: Callable) -> list:
    return [g(x) for x in xs]
print(f([1, 2], str))
