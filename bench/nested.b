Benchmark for bench/jit sh: the three nested loops of bench b with 255 rounds each run
three times by a fourth loop around them (about 50 million rounds of the inner loop and
some 3 seconds in a plain C switch interpreter); the inner loop adds 3 to cell 4 (the
result) so it ends at 3 times 3 times 255 cubed modulo 256 which is 247; adding 74 makes
it 65 and the program prints A and a newline

+++                         cell 0: three rounds
[
    >-                      cell 1: outer count 255
    [
        >-                  cell 2: middle count 255
        [
            >-              cell 3: inner count 255
            [
                >+++        add 3 to cell 4 (the result)
                >+++++      add 5 to cell 5
                >-          sub 1 from cell 6
                >+++++++    add 7 to cell 7
                <<<<-       back to cell 3 and one less on it
            ]
            <-
        ]
        <-
    ]
    <-
]
>>>>
++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++
.
>[-]++++++++++.             newline from cell 5
