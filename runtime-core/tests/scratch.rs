mod common;

#[test]
fn scratch() {
    let src = std::fs::read_to_string("/tmp/lead/t.py").unwrap();
    let r = common::run(&src);
    print!("{}", r.out);
    eprint!("{}", r.err);
    eprintln!("outcome: {:?}", r.outcome);
}
