<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>AppHeader</name>
    <message>
        <source>Driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trip history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>The passenger is not at the pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pickup is too far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with my vehicle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The driver is taking too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My plans changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I booked by mistake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this ride?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passenger is told why and matched with another driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver is told why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell them why (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep ride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel ride</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say hello to %1. Messages stay between the two of you for this ride.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DriverPanel</name>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A passenger is waiting for your answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for ride requests near you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go online to receive ride requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available for rides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick up the passenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arriving in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start ride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the way to the destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passenger has been asked to pay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ride completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment received. Thank you!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated GPS: the car drives along the route on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From this device&apos;s positioning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passenger notified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;m here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect %1 in cash from the passenger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n position(s) kept, sent when you are back online.</source>
        <translation>
            <numerusform>Offline: %n position kept, sent when you are back online.</numerusform>
            <numerusform>Offline: %n positions kept, sent when you are back online.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>NebengJek — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NebengJek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <source>Show the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the ride</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent · tap to retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NebengJek::Client::AppSession</name>
    <message>
        <source>Enter a server address such as ws://127.0.0.1:8080/ws.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the sign-in token you were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user id is 1 to 128 letters, digits or . _ : @ -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose driver or passenger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not hand out developer tokens. Start it with --dev, or enter its developer secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server yet. Still trying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended the session. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remember the sign-in on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available: you will have to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept your sign-in: the token is invalid or has expired. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account may not use this server. Sign in with another account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed in on another device, so this one was signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in took too long. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationBell</name>
    <message>
        <source>Notifications (%1 unread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationCenter</name>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>All caught up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notifications yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationTexts</name>
    <message>
        <source>Driver found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No driver available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New ride request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ride started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ride completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ride cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver has arrived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartnerInfo</name>
    <message>
        <source>Vehicle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassengerPanel</name>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a place or enter coordinates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a latitude between -90 and 90 and a longitude between -180 and 180.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a driver…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1 to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We are asking drivers near your pickup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver is on the way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heading to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meet your driver at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for location…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arriving in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver arrives in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please pay your driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ride completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanks for riding with NebengJek.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent yet: waiting for a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trip distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated fare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calculating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs a connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trip time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver has arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver is waiting at the pickup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none nearby</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceSelector</name>
    <message>
        <source>Custom location…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProposalCard</name>
    <message>
        <source>New ride request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trip length</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualityIndicator</name>
    <message>
        <source>EXCELLENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GOOD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <source>Thanks for your rating!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How was the passenger?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How was your driver?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RideMap</name>
    <message>
        <source>Pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schematic map · simulated GPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schematic map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RideTexts</name>
    <message>
        <source>No driver is available near the pickup right now. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request expired before it was answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A driver did not answer in time. Still looking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A driver declined. Still looking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ride request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passenger cancelled the ride.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. Your ride request will be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. The cancellation will be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. Your answer will be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. The ride start will be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. Your arrival will be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. The payment will be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. You will be available once the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cancelled the ride. The passenger is matched with another driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver cancelled. We are finding you another driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Reason: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New, not rated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. The passenger will be told you arrived when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. Your rating will be sent when you are back online.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerTexts</name>
    <message>
        <source>%1 is on the way: %2, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a car</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No driver is available near the pickup right now. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your ride has started. Enjoy the trip!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have arrived. Please pay %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid %1. Thanks for riding with NebengJek.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect %1 in cash from the passenger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The driver cancelled the ride: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passenger cancelled the ride: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The driver cancelled the ride.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passenger cancelled the ride.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver cancelled (%1). We are finding you another driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your driver cancelled. We are finding you another driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has arrived at the pickup (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has arrived at the pickup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are %1 from the pickup. Start the ride within %2 of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are %1 from the destination. End the ride within %2 of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your position is not known yet. Wait for a location fix and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ride can no longer be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have already rated this ride.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ride can be rated once it is completed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drivers and passengers use the same app. Your role comes with your account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example driver-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer secret (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only if the server has no /dev/token endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paste the token from the NebengJek account service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available, so your token cannot be stored securely. It can only be kept in a plain-text file that programs running as you can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store it in plain text anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TripHistoryPage</name>
    <message>
        <source>Trip history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trip history needs a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trips yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show older trips</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
