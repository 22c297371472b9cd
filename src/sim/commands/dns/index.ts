/** The DNS tools (each registers itself) and the generated /etc/resolv.conf they read. */
import '../../dns/resolvconf';
import './dig';
import './getent';
import './host';
import './nslookup';
