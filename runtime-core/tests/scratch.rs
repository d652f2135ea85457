mod common;

#[test]
fn scratch() {
    let src = std::fs::read_to_string("/tmp/lead/t.py").unwrap();
    let files = [compiler::SourceFile {
        path: "src/main.py".into(),
        module: "main".into(),
        text: src,
    }];
    let image = compiler::compile(&files, "main").image.unwrap();
    let mut heap = vec![0u8; 192 * 1024];
    let mut vm = runtime_core::Vm::new(&image, &mut heap, common::Capture::default()).unwrap();
    let outcome = vm.run();
    eprintln!(
        "{:?} usage={:?} free={:?}",
        outcome,
        vm.heap_usage(),
        vm.heap_free_stats()
    );
    eprintln!("{}", String::from_utf8_lossy(&vm.host().err));
}
