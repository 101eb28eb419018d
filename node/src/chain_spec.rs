//! The built-in chain specs: `dev` and `local`.

use polkadot_sdk::{
	sc_chain_spec::Properties,
	sc_service::{ChainType, GenericChainSpec},
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
};

/// The chain spec type of SERO networks.
pub type ChainSpec = GenericChainSpec;

/// Token properties polkadot.js reads: SERO with 18 decimals, generic SS58 prefix.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), "SERO".into());
	properties.insert("tokenDecimals".into(), 18.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	sero_runtime::WASM_BINARY.ok_or_else(|| "The runtime's wasm binary was not built".to_string())
}

fn chain_spec(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// A single-node development chain: ≈ 6 s blocks, Alice … Ferdie endowed, sudo.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	chain_spec("SERO Development", "sero_dev", ChainType::Development, DEV_RUNTIME_PRESET)
}

/// A local multi-node test network: ≈ 13 s blocks, no sudo.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	chain_spec("SERO Local Testnet", "sero_local", ChainType::Local, LOCAL_TESTNET_RUNTIME_PRESET)
}
