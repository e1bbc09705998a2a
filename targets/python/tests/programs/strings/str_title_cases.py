for s in ["hello world", "they're bill's", "1st place", "ǆemal ǅ", "ﬁsh ßtraße", "ᾳ ᾀbc", "ABC def", "a1b2 c_d", "", "  ", "Ab Cd", "AB", "ǅ", "Aǅ", "中文abc", "x中y"]:
    print(repr(s.title()), s.istitle(), s.title().istitle())
