//! A minimal JSON-RPC client over HTTP/1.1: all the wallet needs to talk to a node, with no
//! async runtime.

use serde_json::{json, Value};
use std::{
	io::{Read, Write},
	net::TcpStream,
	time::Duration,
};

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum RpcError {
	/// The URL is not `ws://host:port` or `http://host:port`.
	#[error("node URL must look like ws://127.0.0.1:9944 (or http://…; no TLS), not {0}")]
	Url(String),
	/// The node could not be reached.
	#[error("cannot reach the node at {addr}: {source}")]
	Connect {
		/// host:port.
		addr: String,
		/// The I/O error.
		source: std::io::Error,
	},
	/// The reply is not HTTP with a JSON body.
	#[error("unexpected reply from the node: {0}")]
	Reply(String),
	/// The node answered with an error.
	#[error("the node refused {method}: {message}")]
	Node {
		/// The method called.
		method: String,
		/// The node's message.
		message: String,
	},
}

/// A node's JSON-RPC endpoint.
#[derive(Clone, Debug)]
pub struct Rpc {
	addr: String,
}

impl Rpc {
	/// The endpoint at `url`: `ws://host:port` or `http://host:port`. A node serves HTTP and
	/// WebSocket on one port; the wallet's calls are request and answer, so it speaks HTTP.
	pub fn new(url: &str) -> Result<Self, RpcError> {
		let addr = url
			.strip_prefix("http://")
			.or_else(|| url.strip_prefix("ws://"))
			.ok_or_else(|| RpcError::Url(url.into()))?
			.trim_end_matches('/');
		if !addr.contains(':') {
			return Err(RpcError::Url(url.into()));
		}
		Ok(Self { addr: addr.into() })
	}

	/// Calls `method` with `params`, returning the `result`.
	pub fn call(&self, method: &str, params: Value) -> Result<Value, RpcError> {
		let body =
			json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
		let connect = |source| RpcError::Connect { addr: self.addr.clone(), source };
		let mut stream = TcpStream::connect(&self.addr).map_err(connect)?;
		stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(connect)?;
		write!(
			stream,
			"POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
			self.addr,
			body.len(),
			body
		)
		.map_err(connect)?;
		let mut reply = Vec::new();
		stream.read_to_end(&mut reply).map_err(connect)?;
		let reply = String::from_utf8_lossy(&reply);
		let (head, body) =
			reply.split_once("\r\n\r\n").ok_or_else(|| RpcError::Reply(reply.to_string()))?;
		let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
			dechunk(body).ok_or_else(|| RpcError::Reply(reply.to_string()))?
		} else {
			body.to_string()
		};
		let mut value: Value =
			serde_json::from_str(&body).map_err(|e| RpcError::Reply(format!("{e}: {body}")))?;
		if let Some(error) = value.get("error") {
			return Err(RpcError::Node { method: method.into(), message: error.to_string() });
		}
		Ok(value["result"].take())
	}
}

/// The body of a chunked HTTP reply.
fn dechunk(mut body: &str) -> Option<String> {
	let mut out = String::new();
	loop {
		let (size, rest) = body.split_once("\r\n")?;
		let size = usize::from_str_radix(size.trim(), 16).ok()?;
		if size == 0 {
			return Some(out);
		}
		out.push_str(rest.get(..size)?);
		body = rest.get(size + 2..)?;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn urls_and_chunks() {
		assert!(Rpc::new("http://127.0.0.1:9944").is_ok());
		assert!(Rpc::new("ws://localhost:9944/").is_ok());
		assert!(Rpc::new("127.0.0.1:9944").is_err());
		assert!(Rpc::new("http://localhost").is_err());
		assert_eq!(
			dechunk("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").as_deref(),
			Some("hello world")
		);
		assert_eq!(dechunk("zz\r\n"), None);
	}
}
