Benchmark: three nested loops of 255 rounds each (over 16 million rounds of the
inner loop) adding 3 to a counter and doing more sums beside it; the counter ends
at 3 times 255 cubed modulo 256 which is 253; adding 68 makes it 65 and the program
prints A and a newline

-                       cell 0: outer count 255
[
    >-                  cell 1: middle count 255
    [
        >-              cell 2: inner count 255
        [
            >+++        add 3 to cell 3 (the result)
            >+++++      add 5 to cell 4
            >-          sub 1 from cell 5
            >+++++++    add 7 to cell 6
            <<<<-       back to cell 2 and one less on it
        ]
        <-
    ]
    <-
]
>>>
++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++
.
>[-]++++++++++.         newline from cell 4
