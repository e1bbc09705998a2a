# Recursion over nested data: flatten, depth, permutations, power set.
def flatten(x):
    out = []
    for v in x:
        if isinstance(v, (list, tuple)):
            out.extend(flatten(v))
        else:
            out.append(v)
    return out
def depth(x):
    if not isinstance(x, list):
        return 0
    return 1 + max((depth(v) for v in x), default=0)
def perms(s):
    if len(s) <= 1:
        return [s]
    return [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]
def powerset(xs):
    if not xs:
        return [[]]
    rest = powerset(xs[1:])
    return rest + [[xs[0]] + r for r in rest]
print(flatten([1, [2, (3, [4])], [], [[5]]]), depth([1, [2, [3, []]]]), depth(5), depth([]))
print(perms("abc"), len(perms("abcde")))
print(powerset([1, 2, 3]))
