//! Builds the runtime to WebAssembly for `wasm32v1-none`.
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
