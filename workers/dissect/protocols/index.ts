// Every protocol module, imported for its side effect: it declares its fields and adds itself to dissector tables.
// Order does not matter; a new protocol is one new file and one line here.
import './frame';
import './data';
import './eth';
import './llc';
import './vlan';
import './pppoe';
import './ppp';
import './null';
import './loop';
import './raw';
import './sll';
import './arp';
import './nflog';
import './ip';
import './ipv6';
import './icmp';
import './icmpv6';
import './udp';
import './tcp';
import './dns';
import './nbns';
import './dhcp';
import './dhcpv6';
import './ntp';
import './ssdp';
