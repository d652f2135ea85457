# A framed banner built from repeated strings.
def banner(text, width):
    inner = width - 4
    print("+" + "-" * (width - 2) + "+")
    print("| " + f"{text:^{inner}}" + " |")
    print("+" + "-" * (width - 2) + "+")

banner("mpc", 20)
banner("héllo wörld", 24)
