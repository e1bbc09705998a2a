# A tiny JSON-like parser and printer written with classes and recursion.
class Parser:
    def __init__(self, text):
        self.s = text
        self.i = 0
    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \n\t":
            self.i += 1
    def value(self):
        self.ws()
        c = self.s[self.i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        if self.s.startswith("true", self.i):
            self.i += 4
            return True
        if self.s.startswith("false", self.i):
            self.i += 5
            return False
        if self.s.startswith("null", self.i):
            self.i += 4
            return None
        return self.number()
    def obj(self):
        self.i += 1
        out = {}
        self.ws()
        if self.s[self.i] == "}":
            self.i += 1
            return out
        while True:
            self.ws()
            k = self.string()
            self.ws()
            assert self.s[self.i] == ":", "expected ':' at %d" % self.i
            self.i += 1
            out[k] = self.value()
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1
                continue
            assert self.s[self.i] == "}"
            self.i += 1
            return out
    def arr(self):
        self.i += 1
        out = []
        self.ws()
        if self.s[self.i] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value())
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1
                continue
            self.i += 1
            return out
    def string(self):
        self.i += 1
        j = self.s.index('"', self.i)
        r = self.s[self.i:j]
        self.i = j + 1
        return r
    def number(self):
        j = self.i
        while j < len(self.s) and self.s[j] in "+-0123456789.eE":
            j += 1
        t = self.s[self.i:j]
        self.i = j
        return float(t) if any(c in t for c in ".eE") else int(t)
def dump(v, indent=0):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        inner = ",\n".join("%s  \"%s\": %s" % (pad, k, dump(x, indent + 1)) for k, x in v.items())
        return "{\n" + inner + "\n" + pad + "}"
    if isinstance(v, list):
        return "[" + ", ".join(dump(x, indent) for x in v) + "]"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, str):
        return '"' + v + '"'
    return repr(v)
doc = '{"name": "pyrite", "version": 3, "ratio": 2.5e-1, "tags": ["jit", "rust"], "nested": {"ok": true, "none": null, "empty": {}, "list": [1, [2, [3]], -4]}}'
v = Parser(doc).value()
print(v)
print(dump(v))
print(Parser(dump(v)).value() == v)
