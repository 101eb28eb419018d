//! Command-line interface of `sero-node`.

use polkadot_sdk::sc_cli;

/// The `sero-node` command line.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	/// A maintenance subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of a running node.
	#[command(flatten)]
	pub run: sc_cli::RunCmd,

	/// ProgPoW mining options.
	#[command(flatten)]
	pub mining: MiningParams,

	/// PoS voting options.
	#[command(flatten)]
	pub voting: VotingParams,

	/// Verify each shielded transaction in full every time, without the node's memo of the
	/// transactions it has accepted (which answers a block's transactions that the pool
	/// verified before): for measuring verification; costs a full verification of each
	/// such transaction in every block built or imported.
	#[arg(long)]
	pub no_verification_memo: bool,
}

/// PoS voting options.
#[derive(Debug, Clone, clap::Args)]
pub struct VotingParams {
	/// Vote for the drawn shares whose vote keys are in the node's keystore (key type
	/// `svot`, sr25519: `sero-node key insert --key-type svot --scheme sr25519`).
	#[arg(long)]
	pub vote: bool,

	/// How long a miner waits for the votes of a block it found, in milliseconds, before
	/// sealing it with the votes it has (or mining on, when NeedTwoVote asks for more).
	#[arg(long, value_name = "MS", default_value_t = 1_000)]
	pub vote_wait: u64,
}

/// ProgPoW mining options.
#[derive(Debug, Clone, clap::Args)]
pub struct MiningParams {
	/// Number of mining threads; 0 disables mining. Defaults to 1 with `--dev`,
	/// otherwise 0.
	#[arg(long, value_name = "N")]
	pub mining_threads: Option<usize>,

	/// SS58 address of the account that receives the rewards and fees of mined
	/// blocks and signs their seals. Defaults to Alice with `--dev`; required to mine on
	/// other chains.
	#[arg(long, value_name = "SS58")]
	pub author: Option<String>,

	/// Pay the rewards and fees of mined blocks privately: into a shielded note for a
	/// fresh one-time address of this payment address (PK, from `sero-wallet address`)
	/// per block, found by its wallet like any note. The author still signs the seals.
	#[arg(long, value_name = "PK")]
	pub reward_to: Option<String>,

	/// Mine from the full DAG (≈ 1 GiB, built in a few minutes at start and at
	/// each new epoch) instead of the light cache: far more hashes per second.
	#[arg(long)]
	pub pow_full_dag: bool,
}

/// Maintenance subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management utilities.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark the runtime (only in a node built with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(polkadot_sdk::frame_benchmarking_cli::BenchmarkCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// ProgPoW utilities.
	#[command(subcommand)]
	Pow(crate::pow::cli::PowCmd),
}
