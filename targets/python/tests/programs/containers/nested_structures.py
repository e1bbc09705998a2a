# Nested lists and dicts: a small JSON-like structure walked recursively.
data = {
    "name": "root",
    "children": [
        {"name": "a", "size": 3, "children": []},
        {"name": "b", "size": 5, "children": [
            {"name": "b1", "size": 2, "children": []},
            {"name": "b2", "size": 7, "children": []},
        ]},
    ],
}
def total(node):
    return node.get("size", 0) + sum(total(c) for c in node["children"])
def names(node, depth=0):
    yield "  " * depth + node["name"]
    for c in node["children"]:
        yield from names(c, depth + 1)
print(total(data))
print("\n".join(names(data)))
data["children"][1]["children"].append({"name": "b3", "size": 1, "children": []})
print(total(data), len(data["children"][1]["children"]))
print(data["children"][0])
