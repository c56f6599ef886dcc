import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface NewMessageData {
  name?: string;
  /** The sender's public display name. */
  senderName: string;
  leadTitle: string;
  conversationUrl: string;
}

/**
 * Sent when someone writes in a conversation, at most once per conversation every 15 minutes.
 * The message itself is not copied into the email: it stays on the platform, where access is
 * checked.
 */
export const newMessage: Template<NewMessageData> = (data) =>
  renderMail({
    subject: `New message about "${data.leadTitle}"`,
    heading: 'You have a new message',
    paragraphs: [
      greeting(data.name),
      `${data.senderName} wrote to you about "${data.leadTitle}".`,
      'For your privacy the message is not included in this email. Read and answer it on the platform; further messages in the next 15 minutes will not send another email.',
    ],
    action: { label: 'Read the conversation', url: data.conversationUrl },
    footer: FOOTER,
  });
