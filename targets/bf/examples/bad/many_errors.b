Every unbalanced bracket is reported
]+[
[-]]]
[
