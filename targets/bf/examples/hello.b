Hello World! (the program from the Brainfuck article of Wikipedia)
Comments must not use the eight command characters; so "add" and "sub" below

++++++++                cell 0 is 8
[
    >++++               cell 1 is 4
    [                   four times:
        >++             add 2 to cell 2
        >+++            add 3 to cell 3
        >+++            add 3 to cell 4
        >+              add 1 to cell 5
        <<<<-           sub 1 from cell 1
    ]
    >+                  add 1 to cell 2
    >+                  add 1 to cell 3
    >-                  sub 1 from cell 4
    >>+                 add 1 to cell 6
    [<]                 back to the first zero cell on the left (cell 1)
    <-                  sub 1 from cell 0
]
>>.                     H (72)
>---.                   e (101)
+++++++..+++.           llo
>>.                     space
<-.                     W
<.+++.------.--------.  orld
>>+.                    !
>++.                    newline
