# Integer loops: digit sums, Collatz, gcd, primes.
def digit_sum(n):
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(digit_sum(2 ** 1000), [collatz(n) for n in range(1, 20)], collatz(837799))
print(gcd(1071, 462), gcd(2 ** 40, 6 ** 20), gcd(0, 5))
sieve = [True] * 200
sieve[0] = sieve[1] = False
for i in range(2, 15):
    if sieve[i]:
        for j in range(i * i, 200, i):
            sieve[j] = False
print([i for i, p in enumerate(sieve) if p][-10:], sum(sieve))
