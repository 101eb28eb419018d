//! `sero-wallet`: keys, balances and shielded transactions from the command line.
//!
//! Transactions are printed as hex (the SCALE encoding of the call argument) for a client
//! to submit: `shielded.shield` signed by the paying account, `shielded.transact` and
//! `shielded.unshield` unsigned.

#![forbid(unsafe_code)]

mod rpc;
mod scan;
mod select;

use clap::{Parser, Subcommand};
use codec::Encode;
use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58Codec};
use rand_core::OsRng;
use rpc::Rpc;
use scan::WalletNote;
use serde_json::json;
use sero_crypto::{
	asset::AssetId,
	keys::{PublicKey, Seed, SpendingKey},
};
use sero_shielded_primitives::{
	builder::{self, Payment, Spend},
	Transparent,
};
use sero_zk::setup;
use std::{collections::BTreeMap, process::ExitCode};

#[derive(Parser)]
#[command(name = "sero-wallet", version, about = "SERO's command-line wallet")]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(clap::Args)]
struct Account {
	/// The account's 32-byte seed, hex.
	#[arg(long)]
	seed: String,
}

#[derive(clap::Args)]
struct Node {
	/// The node's RPC endpoint.
	#[arg(long, default_value = "http://127.0.0.1:9944")]
	rpc: String,
}

#[derive(Subcommand)]
enum Command {
	/// Prints the payment address (PK) and tracing key (TK) of a seed.
	Keys {
		#[command(flatten)]
		account: Account,
	},
	/// Scans the chain and prints the unspent balance per asset.
	Balance {
		#[command(flatten)]
		account: Account,
		#[command(flatten)]
		node: Node,
	},
	/// Builds a shield: `value` of `asset` from the transparent account `from` into a note
	/// of this account. Submit it signed by `from`.
	Shield {
		#[command(flatten)]
		account: Account,
		/// The paying account (SS58).
		#[arg(long)]
		from: String,
		/// The amount, in the asset's smallest unit.
		#[arg(long)]
		value: u128,
		/// The asset's name.
		#[arg(long, default_value = "SERO")]
		asset: String,
	},
	/// Builds a private transfer to a payment address.
	Send {
		#[command(flatten)]
		account: Account,
		#[command(flatten)]
		node: Node,
		/// The receiver's payment address (PK).
		#[arg(long)]
		to: String,
		/// The amount, in the asset's smallest unit.
		#[arg(long)]
		value: u128,
		/// The asset's name.
		#[arg(long, default_value = "SERO")]
		asset: String,
	},
	/// Builds an unshield: `value` of `asset` from this account's notes to a transparent account.
	Unshield {
		#[command(flatten)]
		account: Account,
		#[command(flatten)]
		node: Node,
		/// The receiving account (SS58).
		#[arg(long)]
		to: String,
		/// The amount, in the asset's smallest unit.
		#[arg(long)]
		value: u128,
		/// The asset's name.
		#[arg(long, default_value = "SERO")]
		asset: String,
	},
}

type Error = Box<dyn std::error::Error>;

fn account(account: &Account) -> Result<SpendingKey, Error> {
	let bytes = hex::decode(account.seed.trim_start_matches("0x"))?;
	let bytes: [u8; 32] = bytes.try_into().map_err(|_| "a seed is 32 bytes (64 hex digits)")?;
	Ok(SpendingKey::from_seed(&Seed::from_bytes(bytes)))
}

fn asset_id(name: &str) -> Result<AssetId, Error> {
	AssetId::token(name.as_bytes()).map_err(|e| format!("asset name {name:?}: {e}").into())
}

fn ss58(text: &str) -> Result<AccountId32, Error> {
	AccountId32::from_ss58check(text)
		.map_err(|e| format!("{text} is not an SS58 account: {e:?}").into())
}

fn keys() -> Result<setup::Keys, Error> {
	eprintln!(
		"loading proving keys (INSECURE development keys) from {}",
		setup::default_dir().display()
	);
	Ok(setup::dev_keys(&setup::default_dir())?)
}

fn unspent(node: &Node, account: &SpendingKey) -> Result<(Rpc, Vec<WalletNote>), Error> {
	let rpc = Rpc::new(&node.rpc)?;
	let notes =
		scan::scan(&rpc, account, |done, total| eprint!("\rscanning leaves {done}/{total}"))?;
	eprintln!();
	Ok((rpc, notes.into_iter().filter(|n| !n.spent).collect()))
}

fn minimum_fee(rpc: &Rpc, inputs: usize, outputs: usize) -> Result<u128, Error> {
	let fee = rpc.call("shielded_minimumFee", json!([inputs, outputs]))?;
	Ok(fee.as_str().ok_or("minimumFee is not a string")?.parse()?)
}

/// Builds a spend of `value` of `asset` (plus the fee) to `to` (a note) or `out` (an account).
fn spend(
	node: &Node,
	account: &SpendingKey,
	asset: AssetId,
	value: u128,
	to: Option<PublicKey>,
	out: Option<AccountId32>,
) -> Result<String, Error> {
	let (rpc, notes) = unspent(node, account)?;
	let native = AssetId::native();
	let mut fee = 0;
	let candidates: Vec<(AssetId, u128)> =
		notes.iter().map(|n| (n.note.asset, n.note.value)).collect();
	// The fee grows with the inputs and outputs it pays for: choose again until it covers
	// the transaction it is part of.
	let selection = loop {
		let mut need = BTreeMap::from([(asset, value)]);
		*need.entry(native).or_default() += fee;
		let selection = select::select(&candidates, &need)?;
		let outputs = to.iter().count() + selection.change.len();
		let required = minimum_fee(&rpc, selection.chosen.len(), outputs.max(1))?;
		if required <= fee {
			break selection;
		}
		fee = required;
	};
	let change = selection.change;
	let chosen: Vec<WalletNote> = selection.chosen.iter().map(|&i| notes[i].clone()).collect();
	let me = account.public_key();
	let mut payments: Vec<Payment> = Vec::new();
	if let Some(to) = to {
		payments.push(Payment { to: to.one_time_address(&mut OsRng), asset, value, memo: [0; 64] });
	}
	for (asset, amount) in change {
		payments.push(Payment {
			to: me.one_time_address(&mut OsRng),
			asset,
			value: amount,
			memo: [0; 64],
		});
	}
	let spends = chosen
		.into_iter()
		.map(|n| Ok(Spend { path: scan::auth_path(&rpc, n.position)?, note: n.note }))
		.collect::<Result<Vec<_>, Error>>()?;
	let transparent = out.map(|to| Transparent::Out { to, asset: asset.to_bytes(), value });
	eprintln!("proving {} inputs and {} outputs, fee {fee}", spends.len(), payments.len());
	let tx = builder::build(&keys()?, &spends, &payments, fee, transparent, &mut OsRng)?;
	Ok(format!("0x{}", hex::encode(tx.encode())))
}

fn run(cli: Cli) -> Result<(), Error> {
	match cli.command {
		Command::Keys { account: a } => {
			let sk = account(&a)?;
			println!(
				"{}",
				json!({"pk": sk.public_key().to_string(), "tk": sk.tracing_key().to_text()})
			);
		},
		Command::Balance { account: a, node } => {
			let sk = account(&a)?;
			let (_, notes) = unspent(&node, &sk)?;
			let mut balances: BTreeMap<String, u128> = BTreeMap::new();
			for n in &notes {
				let name = if n.note.asset == AssetId::native() {
					"SERO".to_string()
				} else {
					format!("0x{}", hex::encode(n.note.asset.to_bytes()))
				};
				*balances.entry(name).or_default() += n.note.value;
			}
			let balances: BTreeMap<String, String> =
				balances.into_iter().map(|(k, v)| (k, v.to_string())).collect();
			println!("{}", json!({"notes": notes.len(), "balances": balances}));
		},
		Command::Shield { account: a, from, value, asset } => {
			let sk = account(&a)?;
			let asset = asset_id(&asset)?;
			let payment = Payment {
				to: sk.public_key().one_time_address(&mut OsRng),
				asset,
				value,
				memo: [0; 64],
			};
			let transparent =
				Transparent::In { from: ss58(&from)?, asset: asset.to_bytes(), value };
			let tx = builder::build(&keys()?, &[], &[payment], 0, Some(transparent), &mut OsRng)?;
			println!("0x{}", hex::encode(tx.encode()));
		},
		Command::Send { account: a, node, to, value, asset } => {
			let to: PublicKey = to.parse().map_err(|e| format!("--to: {e}"))?;
			println!("{}", spend(&node, &account(&a)?, asset_id(&asset)?, value, Some(to), None)?);
		},
		Command::Unshield { account: a, node, to, value, asset } => {
			println!(
				"{}",
				spend(&node, &account(&a)?, asset_id(&asset)?, value, None, Some(ss58(&to)?))?
			);
		},
	}
	Ok(())
}

fn main() -> ExitCode {
	match run(Cli::parse()) {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e}");
			ExitCode::FAILURE
		},
	}
}
