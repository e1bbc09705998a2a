# Case methods and predicates.
s = "Hello, World! 123 ßtraße"
print(s.upper(), s.lower(), s.swapcase(), s.title(), s.capitalize(), s.casefold())
for t in ["abc", "ABC", "Abc", "123", "12.3", "a1", "   ", "", "Hello World", "hello world", "\t\n", "x_y"]:
    print(repr(t), t.isalpha(), t.isdigit(), t.isalnum(), t.isupper(), t.islower(), t.isspace(), t.istitle(), t.isdecimal(), t.isnumeric(), t.isidentifier())
