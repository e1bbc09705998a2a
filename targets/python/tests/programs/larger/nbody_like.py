# An n-body simulation with floats in lists, in the style of the nbody benchmark
# (our own bodies and constants).
import math

def make_bodies():
    bodies = []
    for i in range(5):
        angle = i * 2 * math.pi / 5
        r = 1.0 + i * 0.75
        pos = [r * math.cos(angle), r * math.sin(angle), 0.1 * i]
        speed = 1.0 / math.sqrt(r)
        vel = [-speed * math.sin(angle), speed * math.cos(angle), 0.0]
        mass = 1.0 if i == 0 else 0.001 * i
        bodies.append((pos, vel, mass))
    bodies[0][1][0] = bodies[0][1][1] = 0.0
    bodies[0][0][0] = bodies[0][0][1] = bodies[0][0][2] = 0.0
    return bodies

def pairs(bodies):
    out = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            out.append((bodies[i], bodies[j]))
    return out

def advance(bodies, body_pairs, dt, steps):
    for _ in range(steps):
        for ((p1, v1, m1), (p2, v2, m2)) in body_pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for (p, v, m) in bodies:
            p[0] += dt * v[0]
            p[1] += dt * v[1]
            p[2] += dt * v[2]

def energy(bodies, body_pairs):
    e = 0.0
    for ((p1, v1, m1), (p2, v2, m2)) in body_pairs:
        dx = p1[0] - p2[0]
        dy = p1[1] - p2[1]
        dz = p1[2] - p2[2]
        e -= (m1 * m2) / math.sqrt(dx * dx + dy * dy + dz * dz)
    for (p, v, m) in bodies:
        e += m * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) / 2.0
    return e

bodies = make_bodies()
bp = pairs(bodies)
print("%.17g" % energy(bodies, bp))
for _ in range(4):
    advance(bodies, bp, 0.001, 1000)
    print("%.17g" % energy(bodies, bp))
print([repr(c) for b in bodies for c in b[0]])
