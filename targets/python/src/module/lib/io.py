"""io for python-c: StringIO, in Python."""


class StringIO:
    def __init__(self, initial_value="", newline="\n"):
        self._parts = [initial_value] if initial_value else []
        self._pos = 0
        self._value = initial_value
        self._dirty = False
        self.closed = False

    def _flat(self):
        if self._dirty:
            self._value = "".join(self._parts)
            self._parts = [self._value]
            self._dirty = False
        return self._value

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '" + type(s).__name__ + "'")
        if self._pos == len(self._flat()):
            self._parts.append(s)
            self._dirty = True
            self._pos += len(s)
        else:
            v = self._flat()
            v = v[:self._pos] + s + v[self._pos + len(s):]
            self._parts = [v]
            self._value = v
            self._pos += len(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        return self._flat()

    def read(self, n=-1):
        v = self._flat()
        if n is None or n < 0:
            r = v[self._pos:]
        else:
            r = v[self._pos:self._pos + n]
        self._pos += len(r)
        return r

    def readline(self):
        v = self._flat()
        i = v.find("\n", self._pos)
        if i < 0:
            r = v[self._pos:]
        else:
            r = v[self._pos:i + 1]
        self._pos += len(r)
        return r

    def readlines(self):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return iter(self.readlines())

    def seek(self, pos, whence=0):
        if whence == 0:
            self._pos = pos
        elif whence == 2:
            self._pos = len(self._flat()) + pos
        else:
            self._pos += pos
        return self._pos

    def tell(self):
        return self._pos

    def truncate(self, size=None):
        if size is None:
            size = self._pos
        v = self._flat()[:size]
        self._parts = [v]
        self._value = v
        return size

    def close(self):
        self.closed = True

    def flush(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
        return False
