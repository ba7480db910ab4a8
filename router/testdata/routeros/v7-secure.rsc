# 2026-11-02 09:30:12 by RouterOS 7.16.2
# software id = 9ZZ9-WXYZ
#
# model = C53UiG+5HPaxD2HPaxD
# serial number = HG90AAAAAAA
/interface bridge add admin-mac=48:A9:8A:00:00:02 auto-mac=no comment=defconf name=bridge
/interface wifi
set [ find default-name=wifi1 ] channel.band=5ghz-ax configuration.country=Japan \
    .mode=ap .ssid=Office-5G disabled=no security.authentication-types=\
    wpa2-psk,wpa3-psk .passphrase="correct horse battery staple 77" .wps=disable
set [ find default-name=wifi2 ] configuration.ssid=Office-Guest \
    datapath.client-isolation=yes disabled=no security.authentication-types=\
    wpa3-psk .passphrase="Guest-Network-2026-long!" .wps=disable
/interface list add comment=defconf name=WAN
/interface list add comment=defconf name=LAN
/ip pool add name=default-dhcp ranges=192.168.88.10-192.168.88.254
/ip dhcp-server add address-pool=default-dhcp interface=bridge name=defconf
/interface bridge port add bridge=bridge comment=defconf interface=ether2
/interface list member add comment=defconf interface=bridge list=LAN
/interface list member add comment=defconf interface=ether1 list=WAN
/ip address add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
/ip dhcp-client add comment=defconf interface=ether1
/ip dhcp-server network add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=192.168.88.1
/ip dns set allow-remote-requests=yes servers=192.0.2.53,198.51.100.53
/ip firewall filter
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
add action=drop chain=input comment="defconf: drop invalid" connection-state=invalid
add action=accept chain=input comment="defconf: accept ICMP" protocol=icmp
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
add action=drop chain=forward comment="defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
/ip firewall nat add action=masquerade chain=srcnat comment="defconf: masquerade" out-interface-list=WAN
/ip service
set telnet disabled=yes
set ftp disabled=yes
set www disabled=yes
set ssh address=192.168.88.0/24
set api disabled=yes
set winbox address=192.168.88.0/24
set api-ssl disabled=yes
/ip ssh set strong-crypto=yes
/system identity set name=office-gw
/system logging action add name=remote remote=192.168.88.5 target=remote
/system logging add action=remote topics=info
/system ntp client set enabled=yes
/system ntp client servers add address=ntp.nict.jp
/system scheduler add interval=1d name=auto-upgrade on-event="/system package update install" policy=ftp,reboot,read,write,policy,test start-time=03:30:00
/tool mac-server set allowed-interface-list=LAN
/tool mac-server mac-winbox set allowed-interface-list=LAN
