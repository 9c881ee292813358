/**
 * The bonding driver's transmit hash (`bond_xmit_hash` in drivers/net/bonding/bond_main.c, and
 * the `xmit_hash_policy` section of Documentation/networking/bonding.rst), for balance-xor and
 * 802.3ad: the slave of a packet is `usable_slaves[hash % count]`.
 *
 * - layer2:   hash = dst MAC[5] ^ src MAC[5] ^ EtherType (`bond_eth_hash`). Everything to one
 *             peer (one gateway!) hashes alike, so it all leaves on one slave.
 * - layer2+3: hash = the layer2 hash, then `bond_ip_hash`: ^= src IP ^ dst IP, ^= hash >> 16,
 *             ^= hash >> 8.
 * - layer3+4: hash = the two L4 ports as they lie in the header, then `bond_ip_hash` and a final
 *             >> 1 (it drops the low bit, which the common even-ports pattern would fix).
 *
 * The kernel reads the addresses and the ports word as raw 32-bit loads (`flow_get_u32_src`,
 * `memcpy(&hash, &flow.ports.ports, 4)`), so the numbers depend on byte order: this is the
 * little-endian result, as on the Pi's ARM and on x86. All arithmetic is unsigned 32-bit.
 */

/** The hash policies the demo models. */
export type HashPolicy = 'layer2' | 'layer2+3' | 'layer3+4';

/** One flow as the hash sees its first packet. */
export type Flow = {
	srcMac: string;
	dstMac: string;
	/** 0x0800 for IPv4. */
	etherType: number;
	srcIp: string;
	dstIp: string;
	srcPort: number;
	dstPort: number;
};

function lastMacByte(mac: string): number {
	return Number.parseInt(mac.slice(mac.lastIndexOf(':') + 1), 16) & 0xff;
}

/** An IPv4 address loaded as a little-endian u32 (its first octet in the low byte). */
export function ipv4Le32(address: string): number {
	const [a = 0, b = 0, c = 0, d = 0] = address.split('.').map(Number);
	return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
}

/** The ports word (source port then destination port, network order) loaded as a little-endian u32. */
export function portsLe32(srcPort: number, dstPort: number): number {
	return ((srcPort >> 8) | ((srcPort & 0xff) << 8) | ((dstPort >> 8) << 16) | ((dstPort & 0xff) << 24)) >>> 0;
}

/** `bond_eth_hash`. */
function ethHash(flow: Flow): number {
	return (lastMacByte(flow.dstMac) ^ lastMacByte(flow.srcMac) ^ flow.etherType) >>> 0;
}

/** `bond_ip_hash`. */
function ipHash(hash: number, flow: Flow, policy: HashPolicy): number {
	let h = (hash ^ ipv4Le32(flow.dstIp) ^ ipv4Le32(flow.srcIp)) >>> 0;
	h = (h ^ (h >>> 16)) >>> 0;
	h = (h ^ (h >>> 8)) >>> 0;
	return policy === 'layer3+4' ? h >>> 1 : h;
}

/** `bond_xmit_hash` of an IPv4 TCP/UDP flow under a policy. */
export function xmitHash(policy: HashPolicy, flow: Flow): number {
	switch (policy) {
		case 'layer2': {
			return ethHash(flow);
		}

		case 'layer2+3': {
			return ipHash(ethHash(flow), flow, policy);
		}

		case 'layer3+4': {
			return ipHash(portsLe32(flow.srcPort, flow.dstPort), flow, policy);
		}
	}
}

/** The flow seen from the other end (what the partner hashes for the receive side). */
export function reverseFlow(flow: Flow): Flow {
	return {...flow, srcMac: flow.dstMac, dstMac: flow.srcMac, srcIp: flow.dstIp, dstIp: flow.srcIp, srcPort: flow.dstPort, dstPort: flow.srcPort};
}

/** A flow and its share of the bond's traffic. */
export type WeightedFlow = Flow & {share: number; label: string};

/**
 * The demo host's flows from a bond at `address` with MAC `mac`: most of it through the home
 * router (the origin's gateway, 192.168.176.1) to the internet, some to a NAS and a PC on the LAN.
 * Shares add up to 1.
 */
export function demoFlows(mac: string, address: string): WeightedFlow[] {
	const net = address.slice(0, address.lastIndexOf('.'));
	const gateway = {mac: 'c8:0e:14:5a:3b:01', ip: `${net}.1`};
	const nas = {mac: '00:11:32:6c:a1:0a', ip: `${net}.10`};
	const pc = {mac: '3c:7c:3f:10:22:2a', ip: `${net}.42`};
	const flow = (label: string, share: number, to: {mac: string}, dstIp: string, srcPort: number, dstPort: number): WeightedFlow => ({
		label,
		share,
		srcMac: mac,
		dstMac: to.mac,
		etherType: 0x0800,
		srcIp: address,
		dstIp,
		srcPort,
		dstPort,
	});
	return [
		flow('https via the gateway', 0.3, gateway, '93.184.216.34', 50_412, 443),
		flow('https via the gateway', 0.2, gateway, '151.101.1.69', 50_414, 443),
		flow('ssh via the gateway', 0.1, gateway, '140.82.121.4', 50_418, 22),
		flow('dns to the gateway', 0.05, gateway, gateway.ip, 41_234, 53),
		flow('smb to the NAS', 0.25, nas, nas.ip, 50_420, 445),
		flow('ssh from a PC', 0.1, pc, pc.ip, 22, 50_522),
	];
}
