# Nested conditional expressions and boolean logic in conditions.
def fizz(n):
    return "FizzBuzz" if n % 15 == 0 else "Fizz" if n % 3 == 0 else "Buzz" if n % 5 == 0 else str(n)
print(" ".join(fizz(n) for n in range(1, 31)))
def sign(x):
    return (x > 0) - (x < 0)
print([sign(v) for v in (-5, 0, 3, -0.0, 2.5)])
def leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
print([y for y in range(1896, 1920) if leap(y)], leap(2000), leap(1900))
v = None
print(v or "none", v and v.x, (v is None) and "is none", not v or "x")
