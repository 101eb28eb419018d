//! The SERO node: a ProgPoW-mined privacy chain on polkadot-sdk.

mod chain_spec;
mod cli;
mod command;
mod miner;
mod pool;
mod pow;
mod reward;
mod rpc;
mod service;
mod templates;
mod voting;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
