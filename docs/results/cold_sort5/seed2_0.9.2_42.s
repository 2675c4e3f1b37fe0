# superopt search: sort5, 42 instructions, seed 2
	.text
	.globl	sort5
	.type	sort5, @function
	.p2align 6
sort5:
	mov 16(%rdi), %ecx
	mov 12(%rdi), %edx
	mov %ecx, %r9d
	cmp %edx, %r9d
	cmovl %edx, %ecx
	cmovle %r9d, %edx
	mov (%rdi), %r8d
	cmp %ecx, %r8d
	mov %r8d, %r11d
	mov 4(%rdi), %r10d
	mov 8(%rdi), %eax
	cmovge %ecx, %r8d
	cmovg %r11d, %ecx
	cmp %r10d, %eax
	cmovge %r10d, %r9d
	cmovg %eax, %r10d
	cmovge %r9d, %eax
	mov %eax, %esi
	cmp %edx, %r11d
	cmovle %edx, %r8d
	cmovge %edx, %r11d
	cmp %r11d, %eax
	cmovl %r11d, %esi
	cmovle %eax, %r11d
	cmp %ecx, %r10d
	cmovne %ecx, %edx
	cmovle %r10d, %edx
	cmovle %ecx, %r10d
	cmp %esi, %ecx
	cmovge %edx, %eax
	cmovge %esi, %ecx
	cmp %r8d, %eax
	cmovge %r8d, %edx
	cmovg %eax, %r8d
	cmp %esi, %edx
	cmovge %edx, %ecx
	mov %ecx, 8(%rdi)
	cmovg %esi, %edx
	mov %edx, 4(%rdi)
	mov %r10d, 16(%rdi)
	mov %r11d, (%rdi)
	mov %r8d, 12(%rdi)
	ret
	.size	sort5, .-sort5
	.section	.note.GNU-stack,"",@progbits
