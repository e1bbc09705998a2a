// The module the blackhole test codewrites (as text) and compiles (as code), to run each
// function natively and through its jitcode.
pub mod m {
    use jitsupport::List;

    #[derive(Clone, Copy)]
    pub struct Point {
        pub x: i64,
        pub y: i64,
        pub w: f64,
        pub tag: u8,
    }

    pub struct Bag {
        pub origin: Point,
        pub items: List<i64>,
        pub small: i16,
    }

    pub fn gcd(a: i64, b: i64) -> i64 {
        let mut a = a;
        let mut b = b;
        while b != 0 {
            let t = a % b;
            a = b;
            b = t;
        }
        a
    }

    pub fn fib(n: i64) -> i64 {
        let mut a: i64 = 0;
        let mut b: i64 = 1;
        let mut i: i64 = 0;
        while i < n {
            let c = a.wrapping_add(b);
            a = b;
            b = c;
            i += 1;
        }
        a
    }

    pub fn swaps(n: i64) -> i64 {
        let mut a: i64 = 1;
        let mut b: i64 = 2;
        let mut c: i64 = 3;
        let mut i: i64 = 0;
        while i < n {
            let t = a;
            a = b;
            b = c;
            c = t;
            i += 1;
        }
        a * 100 + b * 10 + c
    }

    pub fn rotate(x: f64, y: f64, n: i64) -> f64 {
        let mut a = x;
        let mut b = y;
        let mut i: i64 = 0;
        while i < n {
            let t = a;
            a = b;
            b = t * 0.5;
            i += 1;
        }
        a - b
    }

    pub fn move_point(p: &mut Point, dx: i64) -> i64 {
        p.x = p.x + dx;
        p.tag = p.tag.wrapping_add(200);
        p.w = p.w * 1.5;
        p.y + p.tag as i64
    }

    pub fn divmod(a: i64, b: i64) -> (i64, i64) {
        if b == 0 {
            return (0, 0);
        }
        (a / b, a % b)
    }

    pub fn use_divmod(a: i64, b: i64) -> i64 {
        let (q, r) = divmod(a, b);
        q * 1000 + r
    }

    pub fn add_checked(a: i64, b: i64) -> i64 {
        match a.checked_add(b) {
            Some(v) => v,
            None => -1,
        }
    }

    pub fn narrow(a: i16, b: i16) -> i16 {
        a.wrapping_add(b).wrapping_mul(2)
    }

    pub fn to_u8(x: f64) -> u8 {
        x as u8
    }

    pub fn fill(bag: &mut Bag, n: i64) -> i64 {
        let mut i: i64 = 0;
        while i < n {
            bag.items.push(i * bag.origin.x);
            i += 1;
        }
        bag.small = bag.small - 1;
        sum(bag)
    }

    pub fn sum(bag: &Bag) -> i64 {
        let mut total: i64 = 0;
        let mut i: usize = 0;
        while i < bag.items.len() {
            total += bag.items[i];
            i += 1;
        }
        total + bag.small as i64
    }

    pub fn classify(c: char) -> i64 {
        match c {
            'a' => 1,
            'b' | 'c' => 2,
            'z' => 26,
            _ => 0,
        }
    }

    #[derive(Clone, Copy)]
    pub struct Cell {
        pub value: i64,
        pub age: u8,
    }

    pub struct Grid {
        pub cells: [Cell; 4],
        pub extra: List<Cell>,
    }

    // Items held inline, in an array and in a list.
    pub fn total(g: &mut Grid) -> i64 {
        let mut sum: i64 = 0;
        let mut i: usize = 0;
        while i < 4 {
            g.cells[i].age = g.cells[i].age.wrapping_add(100);
            sum += g.cells[i].value * 1000 + g.cells[i].age as i64;
            i += 1;
        }
        let mut j: usize = 0;
        while j < g.extra.len() {
            sum += g.extra[j].value;
            j += 1;
        }
        sum
    }

    pub fn checked_index(bag: &Bag, i: usize) -> i64 {
        bag.items[i]
    }
}
