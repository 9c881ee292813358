/**
 * What the sysfs path of a network interface says about its hardware. `/sys/class/net/<if>` is a
 * symbolic link into `/sys/devices/…`; for a USB NIC the path runs through the USB bus's root hub
 * (`…/usb1/1-1/1-1.1/1-1.1:1.0/net/eth0`; a Raspberry Pi 1-3's onboard smsc95xx is one of these).
 * Pure.
 */

/** The USB bus (`usb1`) in a sysfs device path, null when the path does not run through USB. */
export function usbBusOfDevicePath(path: string): string | null {
	for (const segment of path.split('/')) if (/^usb\d{1,4}$/.test(segment)) return segment;
	return null;
}

/** `DEVTYPE=wlan` in a sysfs `uevent` text. */
export function ueventSaysWireless(uevent: string): boolean {
	return /^DEVTYPE=wlan$/m.test(uevent);
}
