namespace Portal.Core.Tests.Communications.Bounces;

/// <summary>Delivery-status notifications from RFC 3464's appendix (addresses as printed there), and a message that is none.</summary>
internal static class DsnSamples
{
    /// <summary>RFC 3464 C.3, "Multi-Recipient DSN": two permanent failures and one delay.</summary>
    public const string Hard = """
        Date: Fri, 8 Jul 1994 09:21:47 -0400
        From: Mail Delivery Subsystem <MAILER-DAEMON@CS.UTK.EDU>
        Subject: Returned mail: User unknown
        To: <owner-ietf-mime@cs.utk.edu>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
            boundary="JAA13167.773673707/CS.UTK.EDU"

        --JAA13167.773673707/CS.UTK.EDU
        content-type: text/plain; charset=us-ascii

           ----- The following addresses had delivery problems -----
        <arathib@vnet.IBM.COM>  (unrecoverable error)
        <wsnell@sdcc13.ucsd.edu>  (unrecoverable error)

        --JAA13167.773673707/CS.UTK.EDU
        content-type: message/delivery-status

        Reporting-MTA: dns; cs.utk.edu

        Original-Recipient: rfc822;arathib@vnet.ibm.com
        Final-Recipient: rfc822;arathib@vnet.ibm.com
        Action: failed
        Status: 5.0.0 (permanent failure)
        Diagnostic-Code: smtp; 550 'arathib@vnet.IBM.COM' is not a
            registered gateway user
        Remote-MTA: dns; vnet.ibm.com

        Original-Recipient: rfc822;johnh@hpnjld.njd.hp.com
        Final-Recipient: rfc822;johnh@hpnjld.njd.hp.com
        Action: delayed
        Status: 4.0.0 (hpnjld.njd.jp.com: host name lookup failure)

        Original-Recipient: rfc822;wsnell@sdcc13.ucsd.edu
        Final-Recipient: rfc822;wsnell@sdcc13.ucsd.edu
        Action: failed
        Status: 5.0.0
        Diagnostic-Code: smtp; 550 user unknown
        Remote-MTA: dns; sdcc13.ucsd.edu

        --JAA13167.773673707/CS.UTK.EDU
        content-type: message/rfc822

        [original message goes here]

        --JAA13167.773673707/CS.UTK.EDU--

        """;

    /// <summary>RFC 3464 C.1, "Simple DSN": failed after five days of timeouts, status 4.0.0 (transient).</summary>
    public const string Soft = """
        Date: Thu, 7 Jul 1994 17:16:05 -0400
        From: Mail Delivery Subsystem <MAILER-DAEMON@CS.UTK.EDU>
        Message-Id: <199407072116.RAA14128@CS.UTK.EDU>
        Subject: Returned mail: Cannot send message for 5 days
        To: <owner-info-mime@cs.utk.edu>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
             boundary="RAA14128.773615765/CS.UTK.EDU"

        --RAA14128.773615765/CS.UTK.EDU

        The original message was received at Sat, 2 Jul 1994 17:10:28 -0400
        from root@localhost

           ----- The following addresses had delivery problems -----
        <louisl@larry.slip.umd.edu>  (unrecoverable error)

        --RAA14128.773615765/CS.UTK.EDU
        content-type: message/delivery-status

        Reporting-MTA: dns; cs.utk.edu

        Original-Recipient: rfc822;louisl@larry.slip.umd.edu
        Final-Recipient: rfc822;louisl@larry.slip.umd.edu
        Action: failed
        Status: 4.0.0
        Diagnostic-Code: smtp; 426 connection timed out
        Last-Attempt-Date: Thu, 7 Jul 1994 17:15:49 -0400

        --RAA14128.773615765/CS.UTK.EDU
        content-type: message/rfc822

        [original message goes here]

        --RAA14128.773615765/CS.UTK.EDU--

        """;

    /// <summary>An auto-reply: it mentions delivery but reports nothing.</summary>
    public const string NotADsn = """
        Date: Mon, 2 Mar 2026 10:00:00 +0100
        From: Ada <ada@example.org>
        To: donors@portal.localhost
        Subject: Out of office: Delivery Status
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        I am away until Monday. Action: failed Status: 5.1.1 (this is not a report).

        """;
}
