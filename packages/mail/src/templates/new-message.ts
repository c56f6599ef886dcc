import { FOOTER, greeting, renderMail, type Template } from './render.ts';

export interface NewMessageData {
  name?: string;
  /** The sender's public display name. */
  senderName: string;
  leadTitle: string;
  conversationUrl: string;
}

/**
 * Sent when someone writes in a conversation (stub wording). The message itself is not
 * copied into the email: it stays on the platform, where access is checked.
 */
export const newMessage: Template<NewMessageData> = (data) =>
  renderMail({
    subject: `New message about "${data.leadTitle}"`,
    heading: 'You have a new message',
    paragraphs: [
      greeting(data.name),
      `${data.senderName} sent you a message about "${data.leadTitle}".`,
    ],
    action: { label: 'Read the message', url: data.conversationUrl },
    footer: FOOTER,
  });
