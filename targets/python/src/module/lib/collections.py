"""collections for python-c: written in Python, run by the interpreter itself (PyPy's
app-level modules)."""


class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self.maxlen = maxlen
        for x in iterable:
            self.append(x)

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)

    def extend(self, iterable):
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        for x in iterable:
            self.appendleft(x)

    def rotate(self, n=1):
        if not self._items:
            return
        n = n % len(self._items)
        if n:
            self._items[:] = self._items[-n:] + self._items[:-n]

    def clear(self):
        self._items.clear()

    def count(self, x):
        return self._items.count(x)

    def remove(self, x):
        self._items.remove(x)

    def index(self, x, *args):
        return self._items.index(x, *args)

    def insert(self, i, x):
        self._items.insert(i, x)

    def reverse(self):
        self._items.reverse()

    def copy(self):
        return deque(self._items, self.maxlen)

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return len(self._items) > 0

    def __iter__(self):
        return iter(self._items)

    def __reversed__(self):
        return reversed(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = v

    def __delitem__(self, i):
        del self._items[i]

    def __contains__(self, x):
        return x in self._items

    def __eq__(self, other):
        if isinstance(other, deque):
            return self._items == other._items
        return NotImplemented

    def __add__(self, other):
        return deque(self._items + list(other), self.maxlen)

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __repr__(self):
        if self.maxlen is None:
            return "deque(" + repr(self._items) + ")"
        return "deque(" + repr(self._items) + ", maxlen=" + repr(self.maxlen) + ")"


class defaultdict(dict):
    def __init__(self, default_factory=None, *args, **kwargs):
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def copy(self):
        d = defaultdict(self.default_factory)
        d.update(self)
        return d

    def __repr__(self):
        return "defaultdict(" + repr(self.default_factory) + ", " + dict.__repr__(self) + ")"


class OrderedDict(dict):
    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
        else:
            items = list(self.items())
            self.clear()
            self[key] = value
            for k, v in items:
                self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            key = list(self.keys())[-1]
        else:
            key = next(iter(self))
        value = self.pop(key)
        return key, value

    def __repr__(self):
        if not self:
            return "OrderedDict()"
        return "OrderedDict(" + repr(list(self.items())) + ")"


class Counter(dict):
    def __init__(self, iterable=None, **kwargs):
        dict.__init__(self)
        if iterable is not None:
            self.update(iterable)
        if kwargs:
            self.update(kwargs)

    def __missing__(self, key):
        return 0

    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self[k] + v
            else:
                for k in iterable:
                    self[k] = self[k] + 1
        for k, v in kwargs.items():
            self[k] = self[k] + v

    def subtract(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self[k] - v
            else:
                for k in iterable:
                    self[k] = self[k] - 1
        for k, v in kwargs.items():
            self[k] = self[k] - v

    def most_common(self, n=None):
        items = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:n]

    def elements(self):
        for k, v in self.items():
            for _ in range(v):
                yield k

    def total(self):
        return sum(self.values())

    def __add__(self, other):
        result = Counter()
        for k, v in self.items():
            n = v + other[k]
            if n > 0:
                result[k] = n
        for k, v in other.items():
            if k not in self and v > 0:
                result[k] = v
        return result

    def __sub__(self, other):
        result = Counter()
        for k, v in self.items():
            n = v - other[k]
            if n > 0:
                result[k] = n
        return result

    def __repr__(self):
        if not self:
            return "Counter()"
        items = ", ".join([repr(k) + ": " + repr(v) for k, v in self.most_common()])
        return "Counter({" + items + "})"


def namedtuple(typename, field_names, defaults=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    fields = tuple(field_names)
    nfields = len(fields)
    defaults = tuple(defaults) if defaults is not None else ()

    def __new__(cls, *args, **kwargs):
        values = list(args)
        if len(values) > nfields:
            raise TypeError(typename + "() takes " + str(nfields) + " positional arguments but " + str(len(values)) + " were given")
        for name in fields[len(values):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif len(fields) - len(values) <= len(defaults):
                values.append(defaults[len(defaults) - (len(fields) - len(values))])
            else:
                raise TypeError(typename + "() missing 1 required positional argument: '" + name + "'")
        if kwargs:
            raise TypeError(typename + "() got an unexpected keyword argument '" + list(kwargs)[0] + "'")
        return tuple.__new__(cls, values)

    def __repr__(self):
        parts = []
        for i in range(nfields):
            parts.append(fields[i] + "=" + repr(self[i]))
        return typename + "(" + ", ".join(parts) + ")"

    def _asdict(self):
        d = {}
        for i in range(nfields):
            d[fields[i]] = self[i]
        return d

    def _replace(self, **kwargs):
        values = []
        for i in range(nfields):
            values.append(kwargs.get(fields[i], self[i]))
        return cls(*values)

    ns = {"__new__": __new__, "__repr__": __repr__, "_asdict": _asdict,
          "_replace": _replace, "_fields": fields, "__slots__": ()}
    for i in range(nfields):
        ns[fields[i]] = property(_getter(i))
    cls = type(typename, (tuple,), ns)
    return cls


def _getter(i):
    def get(self):
        return self[i]
    return get
