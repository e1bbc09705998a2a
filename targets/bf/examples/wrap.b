Cells are 8 bits and wrap around: 0 minus 1 is 255 and 255 plus 1 is 0

Cell 0: minus 1 gives 255; then 66 times plus 1 wraps to 65 which is A
-
++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++
.
Cell 1: 16 times 16 is 256 which wraps to 0 so the loop after it is skipped
>>++++++++++++++++[<++++++++++++++++>-]<
[ >>++++++++++[<++++++++++>-]<-. this would print c if the cell were not 0 [-]< ]
then 66 gives B
++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++++++ ++++++
.
Cell 2: 0 minus 190 wraps to 66 (256 minus 190) and one more gives C
>------------------------------------------------------------------------------------------------
----------------------------------------------------------------------------------------------
+.
Newline
[-]++++++++++.
