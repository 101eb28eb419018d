//! Builds the runtime to WebAssembly for `wasm32v1-none`, twice: the runtime the node
//! embeds, and the same runtime with `spec_version + 1` (feature `upgrade-test`) that
//! the end-to-end test upgrades a running chain to
//! (`wbuild/sero-runtime/sero_runtime_upgrade_test.wasm` in the target directory).
fn main() {
	#[cfg(feature = "std")]
	{
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("upgrade-test")
			.set_file_name("sero_runtime_upgrade_test")
			.build();
	}
}
