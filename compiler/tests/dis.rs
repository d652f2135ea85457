//! "This source gives exactly these instructions": disassembly snapshots.
//! Every image is also run through the full validator (`parse_image`).

mod common;

fn check_dis(name: &str, src: &str) {
    let text = common::dis(src);
    insta::assert_snapshot!(name, format!("{src}\n----\n{text}"));
}

#[test]
fn arithmetic() {
    check_dis(
        "arithmetic",
        "x = 1 + 2 * 3 - 4 // 5 % 6 ** 7\ny = -x + ~x - (not x)\nz = x << 2 | y >> 1 & 3 ^ 4\nbig = 100000 + 2 ** 64 + 18446744073709551616 - 3000000000\nf = 1.5 + -0.0 + 0.0\nx += 1\nx //= 2\n",
    );
}

#[test]
fn control_flow() {
    check_dis(
        "control_flow",
        r#"
i = 0
while i < 10:
    i += 1
    if i == 3:
        continue
    elif i == 8:
        break
    else:
        pass
else:
    print("no break")
for j in range(5):
    if j > 2:
        break
else:
    print("done")
"#,
    );
}

#[test]
fn function_defaults_and_closure() {
    check_dis(
        "function_defaults_and_closure",
        r#"
def counter(start, step=1, *, name="c", **opts):
    count = start
    def bump():
        nonlocal count
        count += step
        return count
    return bump

def outer(a):
    def inner():
        return a
    return inner

c = counter(10, step=2)
print(c(), outer(1)(), sep=", ")
"#,
    );
}

#[test]
fn try_except_else_finally() {
    check_dis(
        "try_except_else_finally",
        r#"
def f(xs):
    for x in xs:
        try:
            if x:
                break
            r = 1 / x
        except ZeroDivisionError as e:
            print("zero", e)
            continue
        except (TypeError, ValueError):
            return -1
        else:
            print(r)
        finally:
            print("finally")
            return 0
"#,
    );
}

#[test]
fn fstring() {
    check_dis(
        "fstring",
        r#"
x = 3.25
w = 8
s = f"a {x!r} b {x:>{w}.2f} {x=} {'q'!s:^5}"
t = f""
u = f"{x}"
"#,
    );
}

#[test]
fn chained_comparison() {
    check_dis(
        "chained_comparison",
        "a, b, c = 1, 2, 3\nprint(a < b <= c != 4, a is not None, b in [1, 2], c not in (1,))\n",
    );
}

#[test]
fn calls_displays_and_targets() {
    check_dis(
        "calls_displays_and_targets",
        r#"
a = [1, *range(3), 2]
t = (*a, 1)
d = {"k": 1, **{"j": 2}, "z": 3}
s = {1, 2}
print(*a, sep="", **d)
o = [0, 1, 2, 3]
o[1:3] = o[::2]
o[0] += 5
first, *rest, last = o
o.append(4)
del o[0], a
sq = [i * i for i in range(10) if i % 2]
st = {i for i in a}
dc = {k: v for k, v in d.items()}
lam = lambda x, y=2: x + y
"#,
    );
}

#[test]
fn raise_and_assert() {
    check_dis(
        "raise_and_assert",
        r#"
def f(x):
    assert x > 0, "positive"
    assert x
    try:
        raise ValueError("bad") from None
    except ValueError:
        raise
"#,
    );
}

#[test]
fn line_numbers_follow_the_nodes() {
    check_dis(
        "line_numbers",
        "def f(a):\n    return a\nx = (1 +\n     f(2)\n     .bit_length())\ny = [x,\n     x[\n       0]]\n",
    );
}
