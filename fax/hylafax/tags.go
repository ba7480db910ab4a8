package hylafax

import "strings"

// knownServerTag reports the tags of etc/config and etc/config.<devid>:
// the tag table of hylafax-config(5) as shipped by Debian hylafax-server
// (HylaFAX+ 7), and MaxBadCalls, which the package's own config/skel
// prototype sets.
func knownServerTag(k string) bool {
	switch strings.ToLower(k) {
	case "maxbadcalls", "adaptiveanswer", "admingroup", "answerbias", "answerrotary", "areacode", "audithook",
		"badpagehandlingmethod", "batchlogs", "callidanswerlength", "callidpattern", "cidname", "cidnameanswerlength",
		"cidnumber", "cidnumberanswerlength", "class0cmd", "class1adaptrecvcmd", "class1cmd", "class1colorjpegsupport",
		"class1ecmframesize", "class1ecmsupport", "class1enablev34cmd", "class1eopwaitcmd", "class1extendedres", "class1frameoverhead",
		"class1greyjpegsupport", "class1hasrhconnectbug", "class1hflocmd", "class1hooksensitivity", "class1jbigsupport", "class1mmrsupport",
		"class1modemhasdlebug", "class1mrsupport", "class1msgrecvhackcmd", "class1nflocmd", "class1pagelengthsupport", "class1pagewidthsupport",
		"class1persistentecm", "class1ppmwaitcmd", "class1recvabortok", "class1recvidenttimer", "class1resolutions", "class1responsewaitcmd",
		"class1rmpersistence", "class1rmquerycmd", "class1sflocmd", "class1switchingcmd", "class1tcfmaxnonzero", "class1tcfminrun",
		"class1tcfminrunecmmod", "class1tcfrecvhackcmd", "class1tcfrecvtimeout", "class1tcfwaitcmd", "class1tmconnectdelay", "class1tmquerycmd",
		"class1validatev21frames", "class2abortcmd", "class2apcmd", "class2apquerycmd", "class2borcmd", "class2bugcmd",
		"class2cigcmd", "class2cmd", "class2cqcmd", "class2cqquerycmd", "class2crcmd", "class2dcccmd",
		"class2dccquerycmd", "class2ddiscmd", "class2disablev17cmd", "class2discmd", "class2ecmtype", "class2hexnsf",
		"class2hflocmd", "class2jpegsupport", "class2lidcmd", "class2minspcmd", "class2nflocmd", "class2nrcmd",
		"class2pacmd", "class2phctocmd", "class2piecmd", "class2ptscmd", "class2ptsquerycmd", "class2pwcmd",
		"class2recvdatatrigger", "class2relcmd", "class2rtfcc", "class2sacmd", "class2sendrtc", "class2sflocmd",
		"class2splcmd", "class2tbccmd", "class2usehex", "class2uselinecount", "class2xmitwaitforxon", "clocalasroot",
		"contcovercmd", "contcoverpage", "countrycode", "countskippedpages", "destcontrols", "devicemode",
		"dialstringrules", "distinctiverings", "dringoff", "dringon", "dynamicconfig", "egettyargs",
		"faxnumber", "faxrcvdcmd", "faxt1timer", "faxt2timer", "faxt4timer", "gettyargs",
		"include", "internationalprefix", "ixoacktimeout", "ixodeviceid", "ixogatimeout", "ixoidprobe",
		"ixoidtimeout", "ixologinretries", "ixologintimeout", "ixomaxunknown", "ixoservice", "ixoxmitretries",
		"ixoxmittimeout", "jobcontrolcmd", "jobreqbusy", "jobreqdataconn", "jobreqerror", "jobreqnoanswer",
		"jobreqnocarrier", "jobreqnofcon", "jobreqother", "jobreqproto", "jobretrybusy", "jobretrydataconn",
		"jobretryerror", "jobretrynoanswer", "jobretrynocarrier", "jobretryother", "localidentifier", "lockdatacalls",
		"lockvoicecalls", "logcalls", "logfacility", "logfilemode", "longdistanceprefix", "maxbatchjobs",
		"maxconcurrentcalls", "maxconsecutivebadlines", "maxdials", "maxrecvpages", "maxsendpages",
		"maxsetupattempts", "maxtries", "minacceptedlinecount", "modemanswercmd", "modemanswerdatabegincmd", "modemanswerdatacmd",
		"modemanswerdialcmd", "modemanswerfaxbegincmd", "modemanswerfaxcmd", "modemanswerresponsetimeout", "modemanswervoicebegincmd", "modemanswervoicecmd",
		"modematcmddelay", "modembaudratedelay", "modemclassquerycmd", "modemcommapausetimecmd", "modemdialcmd", "modemdialresponsetimeout",
		"modemdophasecdebug", "modemdtrdropdelay", "modemechooffcmd", "modemflowcontrol", "modemframefillorder", "modemgroup",
		"modemhardflowcmd", "modemmfrquerycmd", "modemminspeed", "modemmodelquerycmd", "modemnoautoanswercmd",
		"modemnoautoanswercmddelay", "modemnoflowcmd", "modemonhookcmd", "modempagedonetimeout", "modempagestarttimeout", "modempriority",
		"modemraiseatcommands", "modemrate", "modemreadycmds", "modemreadystate", "modemrecvfillorder", "modemrecvsuccesscmd",
		"modemresetcmds", "modemresetdelay", "modemresultcodescmd", "modemrevquerycmd", "modemringresponse", "modemringsbeforeresponse",
		"modemsendbegincmd", "modemsendfillorder", "modemsetupaacmd", "modemsetupdcdcmd", "modemsetupdtrcmd", "modemsetvolumecmd",
		"modemsoftflowcmd", "modemsoftresetcmd", "modemsoftresetcmddelay", "modemsoftrtfcc", "modemtype", "modemverboseresultscmd",
		"modemwaitforconnect", "modemwaittimecmd", "noanswervoice", "nocarrierretrys", "notifycmd", "pagechop",
		"pagechopthreshold", "pagermaxmsglength", "pagersetupcmds", "pcl2faxcmd", "percentgoodlines",
		"polllockpokemodem", "polllockwait", "pollmodemwait", "pollrcvdcmd", "postscripttimeout", "priorityscheduling",
		"ps2faxcmd", "qualifycid", "qualifypwd", "qualifytsi", "recvdataformat", "recvfilemode",
		"rejectcall", "ringdata", "ringextended", "ringfax", "ringsbeforeanswer", "ringtimeout",
		"ringvoice", "rtnhandlingmethod", "saveunconfirmedpages", "sendfaxcmd", "sendpagecmd", "senduucpcmd",
		"servertracing", "sessiontracing", "speakervolume", "taglinecovernumstring", "taglinefont", "taglineformat",
		"tiff2faxcmd", "timeofday", "use2d", "usejobtagline", "usejobtsi",
		"uucplockdir", "uucplockmode", "uucplocktimeout", "uucplocktype", "vgettyargs", "wedgedcmd":
		return true
	}
	return false
}
