mod common;
#[test]
fn fuzz() {
    let corpus = include_str!("fixtures/corpus.py");
    let mut stack = vec![std::path::PathBuf::from("/work/main/tests/cases")];
    let mut srcs = vec![corpus.to_string()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else if p.extension().is_some_and(|e| e == "py") { srcs.push(std::fs::read_to_string(p).unwrap()) }
        }
    }
    let toks = ["(", ")", ":", "\n", "    ", "return ", "break\n", "yield ", "lambda: ", "*", "**", "=", ",", "try:\n", "finally:\n", "except:\n", "global x\n", "nonlocal x\n", "def f():\n", "f'{", "}", "[", "]", "for i in x:\n", "while 1:\n", "continue\n", ":=", "del ", "'", "\"", "1j", "9"];
    let mut seed: u64 = 0x1234_5678;
    let mut rnd = |n: usize| { seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((seed >> 33) as usize) % n.max(1) };
    let mut ok = 0;
    for it in 0..20000 {
        let mut s = srcs[rnd(srcs.len())].clone().into_bytes();
        for _ in 0..1 + rnd(4) {
            let at = rnd(s.len() + 1);
            match rnd(3) {
                0 => { let t = toks[rnd(toks.len())]; s.splice(at..at, t.bytes()); }
                1 => { let end = (at + rnd(8)).min(s.len()); s.drain(at..end); }
                _ => { let line: Vec<u8> = s.iter().skip(rnd(s.len())).take(40).copied().collect(); s.splice(at..at, line); }
            }
        }
        let Ok(src) = String::from_utf8(s) else { continue };
        let r = std::panic::catch_unwind(|| common::compile_main(&src));
        let out = match r { Ok(o) => o, Err(_) => { println!("PANIC at {it}:\n{src}"); panic!() } };
        assert!(out.diagnostics.iter().all(|d| d.code != "E0999"), "{src}\n{:#?}", out.diagnostics);
        if let Some(img) = out.image { image_format::writer::parse_image(&img).unwrap(); ok += 1; }
    }
    println!("valid: {ok}");
}
